package org.ogi.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.ogi.stack.ServiceProcess;
import org.ogi.stack.Tokens;

/**
 * The system the fault tests break: PostgreSQL, Kafka and the SMTP sink as deploy/local/run.sh starts them (each its own
 * process, durable, on its own data directory), controlled one part at a time through run.sh as an operator would; the
 * three packaged services as separate JVMs ({@link ServiceProcess}). A broker or a service is killed with SIGKILL on its
 * PID, never asked to stop; PostgreSQL is stopped (postmaster down) and started again on the same directory and port.
 */
final class FaultStack implements AutoCloseable {

    private static final Pattern PID = Pattern.compile(" +port \\d+ +running \\(pid (\\d+)\\)");
    private static final Duration READY = Duration.ofSeconds(150);

    final Path root;
    final Path state;
    final Tokens tokens;
    final Mailbox mailbox;
    final int pgPort;
    final int kafkaPort;
    final ServiceProcess submission;
    final ServiceProcess aggregation;
    final ServiceProcess notification;
    private final Map<String, String> env = new HashMap<>();

    /** Starts everything; {@code chaseYear} is the one report year the notification service chases. */
    FaultStack(Path root, int chaseYear) {
        this.root = root;
        this.state = root.resolve("deploy/e2e/target/faults");
        deleteRecursively(state);
        try {
            Files.createDirectories(state.resolve("logs"));
            // the class path run.sh would otherwise ask Maven for: this test's own, which holds the local stack's
            Files.writeString(state.resolve("classpath.txt"),
                    System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        pgPort = ServiceProcess.freePort();
        kafkaPort = ServiceProcess.freePort();
        int smtpPort = ServiceProcess.freePort();
        env.put("OGI_STATE_DIR", state.toString());
        env.put("OGI_SKIP_BUILD", "1");
        env.put("OGI_PG_PORT", Integer.toString(pgPort));
        env.put("OGI_KAFKA_PORT", Integer.toString(kafkaPort));
        env.put("OGI_SMTP_PORT", Integer.toString(smtpPort));
        runSh("start", "postgres");
        runSh("start", "kafka");
        runSh("start", "smtp");
        tokens = Tokens.inDirectory(state.resolve("jwt"));
        mailbox = new Mailbox(state.resolve("data/mail"));

        int submissionPort = ServiceProcess.freePort();
        submission = service("submission", submissionPort, Map.of());
        aggregation = service("aggregation", ServiceProcess.freePort(), Map.of());
        notification = service("notification", ServiceProcess.freePort(), Map.of(
                "QUARKUS_MAILER_HOST", "localhost",
                "QUARKUS_MAILER_PORT", Integer.toString(smtpPort),
                "OGI_CHASE_FILING_URL", "http://localhost:" + submissionPort + "/api/v1/reports/{year}/{agencyCode}",
                "OGI_CHASE_EVERY", "off",
                "OGI_CHASE_YEARS", Integer.toString(chaseYear),
                // a delivery claimed by a sender that was killed is taken over this soon (default 10 minutes)
                "OGI_CHASE_LEASE", "3s"));
        services().forEach(ServiceProcess::start);
        services().forEach(s -> s.awaitReady(READY));
    }

    List<ServiceProcess> services() {
        return List.of(submission, aggregation, notification);
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + pgPort + "/" + database;
    }

    String bootstrapServers() {
        return "localhost:" + kafkaPort;
    }

    /** SIGKILL to the broker's JVM (no controlled shutdown, no flush); returns its pid. */
    long killKafka() {
        long pid = pidOf("kafka");
        kill9(pid);
        return pid;
    }

    /** run.sh start kafka: the same port and log directory. */
    void startKafka() {
        runSh("start", "kafka");
    }

    /** run.sh stop postgres (the postmaster stops, fast mode: sessions are cut), then start on the same directory. */
    void stopPostgres() {
        runSh("stop", "postgres");
    }

    void startPostgres() {
        runSh("start", "postgres");
    }

    /** SIGKILL to a service's JVM, then waits until it is gone. */
    static void kill9(ServiceProcess service) {
        kill9(service.process().pid());
    }

    static void start(ServiceProcess service) {
        service.start();
        service.awaitReady(READY);
    }

    long pidOf(String part) {
        String status = runSh("status");
        Matcher m = Pattern.compile(part + PID.pattern()).matcher(status);
        if (!m.find()) {
            throw new IllegalStateException(part + " is not running: " + status);
        }
        return Long.parseLong(m.group(1));
    }

    private static void kill9(long pid) {
        ProcessHandle handle = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("no process " + pid));
        handle.destroyForcibly(); // SIGKILL on Linux
        try {
            handle.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("process " + pid + " did not die", e);
        }
    }

    String logTails() {
        StringBuilder all = new StringBuilder();
        services().forEach(s -> all.append(s.tail()));
        for (String part : List.of("kafka", "postgres")) {
            try {
                List<String> lines = Files.readAllLines(state.resolve("logs/" + part + ".log"), StandardCharsets.UTF_8);
                all.append("\n--- end of ").append(part).append(".log:\n")
                        .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())));
            } catch (IOException e) {
                all.append("\n(no ").append(part).append(" log)");
            }
        }
        return all.toString();
    }

    @Override
    public void close() {
        services().forEach(s -> {
            if (s != null) {
                s.stop();
            }
        });
        runSh("stop", "all");
    }

    private ServiceProcess service(String name, int port, Map<String, String> extra) {
        Map<String, String> serviceEnv = new HashMap<>(Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl(name),
                "QUARKUS_DATASOURCE_USERNAME", "postgres",
                "QUARKUS_DATASOURCE_PASSWORD", "postgres",
                "KAFKA_BOOTSTRAP_SERVERS", bootstrapServers(),
                "MP_JWT_VERIFY_PUBLICKEY_LOCATION", tokens.publicKeyPath().toString(),
                "MP_JWT_VERIFY_ISSUER", Tokens.ISSUER));
        serviceEnv.putAll(extra);
        return new ServiceProcess(root, name, port, serviceEnv, state.resolve("logs"),
                ServiceProcess.deployedJvmOptions(root));
    }

    /** Runs deploy/local/run.sh with this stack's state directory and ports; fails unless it exits 0. */
    String runSh(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("bash", root.resolve("deploy/local/run.sh").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("run.sh " + String.join(" ", args) + " did not finish: " + output);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("run.sh " + String.join(" ", args) + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
