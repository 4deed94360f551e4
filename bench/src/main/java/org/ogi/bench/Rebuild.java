package org.ogi.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Scenario 4: {@code POST /api/v1/statistics/rebuild} (both topics replayed from offset zero and compared with the
 * incremental state), timed from the client. With {@code --rebuild-only} it runs several times on the same loaded
 * system, optionally under a JFR recording of aggregation-service ({@code --jfr}), to see where the time goes.
 */
final class Rebuild {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One rebuild as the client saw it, and the service's own answer. */
    record Run(double seconds, long events, boolean equal, long differences, JsonNode answer) {
        double eventsPerSecond() {
            return events / seconds;
        }

        String describe() {
            return String.format("%.2f s, %,.0f events/s, %s", seconds, eventsPerSecond(),
                    equal ? "equal" : differences + " differences");
        }
    }

    private Rebuild() {
    }

    static Run once(Api api, String aggregation) throws Exception {
        long t0 = System.nanoTime();
        JsonNode result = JSON.readTree(api.send("POST", aggregation + "/api/v1/statistics/rebuild", null, null,
                Duration.ofMinutes(30)));
        double secs = (System.nanoTime() - t0) / 1e9;
        return new Run(secs, result.path("eventsRead").asLong(), result.path("equal").asBoolean(),
                result.path("differenceCount").asLong(), result);
    }

    /** The rebuild scenario of a full run: one rebuild against the target. */
    static void scenario(Api api, String aggregation, Results results) throws Exception {
        Run r = once(api, aggregation);
        results.raw("rebuild", r.answer());
        results.add("4 rebuild", String.format("replay both topics (%,d events) and compare", r.events()),
                String.format("%.2f s", r.seconds()) + (r.equal() ? ", equal" : ", " + r.differences() + " differences"),
                "≤ 5 min, equal", r.seconds() <= 300 && r.equal());
    }

    /**
     * {@code --rebuild-only}: {@code runs} rebuilds in a row (the first one with the rebuild's code still cold, as in a
     * full run); with a JFR file, aggregation-service records a profile over all of them.
     */
    static void repeated(Api api, String aggregation, Process service, int runs, Path jfr, Results results)
            throws Exception {
        if (jfr != null) {
            jcmd(service, "JFR.start", "name=rebuild", "settings=profile", "filename=" + jfr);
        }
        for (int i = 1; i <= runs; i++) {
            Run r = once(api, aggregation);
            System.err.printf("rebuild %d of %d: %s%n", i, runs, r.describe());
            results.raw("rebuild-" + i, r.answer());
            results.add("4 rebuild", String.format("run %d of %d: replay both topics (%,d events) and compare", i, runs,
                    r.events()), r.describe(), "≤ 5 min, equal; ≥ 3,000 events/s",
                    r.seconds() <= 300 && r.equal() && r.eventsPerSecond() >= 3000);
        }
        if (jfr != null) {
            jcmd(service, "JFR.stop", "name=rebuild");
            results.setting("jfr", jfr.toString());
            System.err.println("JFR recording of aggregation-service over the rebuilds: " + jfr);
        }
    }

    private static void jcmd(Process service, String... command) throws IOException, InterruptedException {
        List<String> args = new java.util.ArrayList<>(List.of("jcmd", String.valueOf(service.pid())));
        args.addAll(List.of(command));
        Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", args) + " failed: " + out);
        }
    }
}
