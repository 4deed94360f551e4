package org.ogi.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ogi.stack.ServiceProcess;

/**
 * deploy/local/run.sh's control of single parts, as an operator (or a fault test) uses it from another terminal:
 * start, status, stop and start again on the same data, reset. Runs against its own state directory and free ports,
 * so a developer's running local stack is not touched.
 */
class RunShTest {

    private static final Path ROOT = Path.of(System.getProperty("ogi.root", "../..")).toAbsolutePath().normalize();
    private static final Path STATE = ROOT.resolve("deploy/e2e/target/run-sh");
    private static final Pattern PID = Pattern.compile("running \\(pid (\\d+)\\)");

    private final Map<String, String> env = new HashMap<>();

    @AfterEach
    void stopWhateverIsLeft() throws Exception {
        run("stop", "all");
    }

    @Test
    void oneTerminalStopsAndStartsKafkaAndPostgresWhileTheDataStaysAndResetDeletesIt() throws Exception {
        deleteRecursively(STATE);
        Files.createDirectories(STATE);
        // the class path run.sh would otherwise ask Maven for: this test's own, which holds the local stack's
        Files.writeString(STATE.resolve("classpath.txt"), System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        env.put("OGI_STATE_DIR", STATE.toString());
        env.put("OGI_SKIP_BUILD", "1");
        env.put("OGI_PG_PORT", Integer.toString(ServiceProcess.freePort()));
        env.put("OGI_KAFKA_PORT", Integer.toString(ServiceProcess.freePort()));
        env.put("OGI_SMTP_PORT", Integer.toString(ServiceProcess.freePort()));

        Result started = run("start", "postgres");
        assertEquals(0, started.status(), started.output());
        long postgres = pid(started.output(), "postgres");
        Result kafka = run("start", "kafka");
        assertEquals(0, kafka.status(), kafka.output());
        long broker = pid(kafka.output(), "kafka");

        Result status = run("status");
        assertTrue(status.output().contains("postgres      port " + env.get("OGI_PG_PORT") + "  running (pid " + postgres
                + ")"), status.output());
        assertTrue(status.output().matches("(?s).*smtp +port \\d+ +stopped.*"), status.output());
        assertTrue(status.output().contains("runner: none"), status.output());
        assertTrue(postmasterCommand().contains("fsync=on"), "durable PostgreSQL: " + postmasterCommand());
        assertTrue(Files.readString(STATE.resolve("logs/kafka.log")).contains("fsync=true"), "durable Kafka");

        Result refused = run("reset");
        assertEquals(1, refused.status(), "no reset while parts run: " + refused.output());

        String clusterId = Files.readString(STATE.resolve("data/kafka/meta.properties"));
        Result stopped = run("stop", "kafka");
        assertEquals(0, stopped.status(), stopped.output());
        assertFalse(ProcessHandle.of(broker).map(ProcessHandle::isAlive).orElse(false), "the broker process is gone");
        assertTrue(run("status").output().matches("(?s).*kafka +port \\d+ +stopped.*"));

        Result again = run("start", "kafka");
        assertEquals(0, again.status(), again.output());
        assertEquals(clusterId, Files.readString(STATE.resolve("data/kafka/meta.properties")), "same log directory");
        assertTrue(ProcessHandle.of(postgres).map(ProcessHandle::isAlive).orElse(false), "PostgreSQL kept running");

        assertEquals(0, run("stop", "all").status());
        assertFalse(ProcessHandle.of(postgres).map(ProcessHandle::isAlive).orElse(false));
        Result reset = run("reset");
        assertEquals(0, reset.status(), reset.output());
        assertFalse(Files.exists(STATE.resolve("data")), "reset deletes the data");
    }

    private record Result(int status, String output) {
    }

    private Result run(String... args) throws IOException, InterruptedException {
        if (env.isEmpty()) {
            return new Result(0, "");
        }
        List<String> command = new java.util.ArrayList<>(List.of("bash", ROOT.resolve("deploy/local/run.sh").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("run.sh " + String.join(" ", args) + " did not finish: " + output);
        }
        return new Result(process.exitValue(), output);
    }

    private static long pid(String output, String part) {
        Matcher matcher = Pattern.compile(part + " +port \\d+ +" + PID.pattern()).matcher(output);
        assertTrue(matcher.find(), output);
        return Long.parseLong(matcher.group(1));
    }

    /** The command line of the postmaster run.sh's PostgreSQL started (its pid is in postmaster.pid). */
    private static String postmasterCommand() throws IOException {
        String pid = Files.readAllLines(STATE.resolve("data/pg/postmaster.pid")).get(0).trim();
        return Files.readString(Path.of("/proc", pid, "cmdline")).replace('\0', ' ');
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
