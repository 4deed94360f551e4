package org.ogi.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of each part of the system, read from /proc, so that a scenario's result says where the machine's cores
 * went: what limits ingest on a small machine is the sum of every part's CPU per filing, not one slow step.
 * PostgreSQL counts its postmaster and every backend (they live as long as the pools' connections do).
 */
final class CpuAccounting {

    /** Linux reports utime and stime in clock ticks of 1/100 s on every platform the JDK runs on. */
    private static final double TICKS_PER_SECOND = 100;

    private CpuAccounting() {
    }

    /** CPU seconds used so far by each part: the three services, PostgreSQL, Kafka and this load generator. */
    static Map<String, Double> snapshot(BenchStack stack) {
        Map<String, Double> out = new LinkedHashMap<>();
        stack.services().forEach((name, s) -> out.put(name + "-service", seconds(s.process().process().toHandle())));
        stack.infrastructureProcesses().forEach((name, p) -> out.put(name, seconds(p)));
        out.put("bench client", own(ProcessHandle.current())); // not its descendants: it launched every other part
        return out;
    }

    /** Cores each part used between two snapshots {@code seconds} apart, and CPU milliseconds per operation. */
    static String describe(Map<String, Double> before, Map<String, Double> after, double seconds, long operations) {
        StringBuilder s = new StringBuilder();
        double total = 0;
        for (Map.Entry<String, Double> e : after.entrySet()) {
            double used = e.getValue() - before.getOrDefault(e.getKey(), 0.0);
            total += used;
            s.append(String.format("%s %.2f cores (%.2f ms a filing); ", e.getKey(), used / seconds,
                    used * 1000 / operations));
        }
        return s.append(String.format("all %.2f cores (%.2f ms a filing)", total / seconds, total * 1000 / operations))
                .toString();
    }

    /**
     * The process, its live descendants, and the children it has reaped: PostgreSQL's backends of connections that
     * closed (raw JDBC's, a pool's replaced ones) are gone from /proc but counted in the postmaster's cutime and cstime.
     */
    private static double seconds(ProcessHandle process) {
        return reaped(process) + Stream.concat(Stream.of(process), process.descendants())
                .mapToDouble(CpuAccounting::own).sum();
    }

    private static double reaped(ProcessHandle p) {
        String[] f = stat(p);
        return f == null ? 0 : (Long.parseLong(f[13]) + Long.parseLong(f[14])) / TICKS_PER_SECOND; // cutime, cstime
    }

    private static String[] stat(ProcessHandle p) {
        try {
            String stat = Files.readString(Path.of("/proc/" + p.pid() + "/stat"));
            // the command name (field 2) may hold spaces: fields are counted after its closing parenthesis
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        } catch (IOException | RuntimeException e) {
            return null; // the process ended between listing and reading
        }
    }

    private static double own(ProcessHandle p) {
        String[] f = stat(p);
        return f == null ? 0 : (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND; // utime, stime
    }
}
