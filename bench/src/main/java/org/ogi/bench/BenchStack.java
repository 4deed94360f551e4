package org.ogi.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.ogi.stack.ServiceProcess;

/**
 * The system under test, every part its own OS process as in production: PostgreSQL (durable: fsync and synchronous
 * commit on) and Kafka from the local stack's classes, and the three services from their packaged jars. Free ports,
 * data under the run's own directory, so a benchmark never touches the local stack's data.
 */
final class BenchStack implements AutoCloseable {

    static final List<String> SERVICES = List.of("submission", "aggregation", "notification");

    /** A running service and how long it took from launch to ready. */
    record Service(String name, ServiceProcess process, double readySeconds) {
        String url() {
            return process.url();
        }
    }

    private final Path root;
    private final Path dir;
    private final int partitions;
    private final List<Process> infrastructure = new ArrayList<>();
    private final Map<String, Service> services = new LinkedHashMap<>();
    final int pgPort = ServiceProcess.freePort();
    final int kafkaPort = ServiceProcess.freePort();

    BenchStack(Path root, Path dir, int partitions) {
        this.root = root;
        this.dir = dir;
        this.partitions = partitions;
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + pgPort + "/" + database;
    }

    String kafka() {
        return "localhost:" + kafkaPort;
    }

    Path jwtDir() {
        return dir.resolve("jwt");
    }

    Service service(String name) {
        return services.get(name);
    }

    Map<String, Service> services() {
        return services;
    }

    /**
     * PostgreSQL's server (the postmaster, whose children are the backends: pg_ctl detaches it from its launcher) and
     * the Kafka broker's process.
     */
    Map<String, ProcessHandle> infrastructureProcesses() {
        Map<String, ProcessHandle> out = new java.util.LinkedHashMap<>();
        try {
            long postmaster = Long.parseLong(Files.readAllLines(dir.resolve("pg/postmaster.pid")).get(0).strip());
            ProcessHandle.of(postmaster).ifPresent(p -> out.put("postgres", p));
        } catch (IOException | RuntimeException e) {
            // not running: nothing to count
        }
        if (infrastructure.size() == 2) {
            out.put("kafka", infrastructure.get(1).toHandle());
        }
        return out;
    }

    void startInfrastructure() {
        Process pg = launch("postgres", List.of("org.ogi.stack.PostgresServer", "--data-dir", dir.resolve("pg").toString(),
                "--port", String.valueOf(pgPort), "--databases", String.join(",", SERVICES) + "," + RawJdbc.DATABASE));
        Process kafka = launch("kafka", List.of("org.ogi.stack.KafkaBroker", "--log-dir", dir.resolve("kafka").toString(),
                "--port", String.valueOf(kafkaPort), "--partitions", String.valueOf(partitions), "--fsync", "true"));
        infrastructure.add(pg);
        infrastructure.add(kafka);
        awaitLine("postgres", pg, 120);
        awaitLine("kafka", kafka, 120);
    }

    /** Starts a service (again on the same port) and waits until it is ready; the time it took is a result. */
    Service startService(String name) {
        ServiceProcess process = services.containsKey(name) ? services.get(name).process() : null;
        if (process == null) {
            Map<String, String> env = new LinkedHashMap<>();
            env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl(name));
            env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
            env.put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
            env.put("KAFKA_BOOTSTRAP_SERVERS", kafka());
            env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", jwtDir().resolve("publicKey.pem").toString());
            env.put("MP_JWT_VERIFY_ISSUER", org.ogi.stack.Tokens.ISSUER);
            env.put("OGI_CHASE_EVERY", "off"); // no reminders during a benchmark: there is no mail server
            process = new ServiceProcess(root, name, ServiceProcess.freePort(), env, dir, ServiceProcess.deployedJvmOptions(root));
        }
        long started = System.nanoTime();
        process.start();
        process.awaitReady(Duration.ofSeconds(180));
        Service service = new Service(name, process, (System.nanoTime() - started) / 1e9);
        services.put(name, service);
        return service;
    }

    /** SIGTERM and wait: the restart measurement needs a cleanly stopped service. */
    void stopService(String name) {
        Service service = services.get(name);
        if (service != null) {
            service.process().stop();
        }
    }

    /** Resident set size of a service's JVM in bytes, from /proc (0 where unavailable). */
    static long rssBytes(Process process) {
        if (process == null) {
            return 0;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    @Override
    public void close() {
        services.values().forEach(s -> s.process().stop());
        for (int i = infrastructure.size() - 1; i >= 0; i--) {
            stop(infrastructure.get(i));
        }
    }

    private Process launch(String name, List<String> mainAndArgs) {
        List<String> command = new ArrayList<>(List.of("java", "-cp", System.getProperty("java.class.path")));
        if (onClassPath("org.jboss.logmanager.LogManager")) {
            command.add(1, "-Djava.util.logging.manager=org.jboss.logmanager.LogManager"); // the stack's own log format
        }
        command.addAll(mainAndArgs);
        try {
            Files.createDirectories(dir);
            return new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log(name).toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitLine(String name, Process process, int seconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        try {
            while (Files.readAllLines(log(name)).stream().noneMatch(l -> l.startsWith("READY"))) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException(name + " did not start; see " + log(name));
                }
                sleep(50);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path log(String name) {
        return dir.resolve(name + ".log");
    }

    private static void stop(Process process) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean onClassPath(String className) {
        try {
            Class.forName(className, false, BenchStack.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
