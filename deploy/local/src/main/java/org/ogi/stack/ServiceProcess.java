package org.ogi.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One packaged service ({@code <name>-service/target/quarkus-app/quarkus-run.jar}) as its own OS process, configured
 * only through environment variables, as run.sh, compose and Kubernetes start it: used by the cross-process end-to-end
 * test and by the benchmarks. Its output goes to a log file whose end a failing caller prints.
 */
public final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path jar;
    private final int port;
    private final Map<String, String> env;
    private final Path log;
    private final List<String> jvmOptions;
    private Process process;

    /** {@code jvmOptions}: e.g. the heap a deployment gives it (the images' run-java.sh takes half the memory limit). */
    public ServiceProcess(Path root, String name, int port, Map<String, String> env, Path logDir, List<String> jvmOptions) {
        this.name = name;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.jar = root.resolve(name + "-service/target/quarkus-app/quarkus-run.jar");
        this.port = port;
        this.env = env;
        this.log = logDir.resolve(name + ".log");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package the services first (./mvnw verify builds them"
                    + " before this module)");
        }
    }

    /**
     * The class-data-sharing archive the build writes beside the jar (quarkus.package.jar.appcds.enabled in the root
     * POM): mapped at start, it spares loading and verifying the classes of the start again.
     */
    public static final String CDS_ARCHIVE = "app-cds.jsa";

    /** The JVM options every deployment gives the services (one file, deploy/service-jvm.options, as a java @argfile). */
    public static List<String> deployedJvmOptions(Path root) {
        return List.of("@" + root.resolve("deploy/service-jvm.options"));
    }

    /** The options that file holds, comments dropped: to print them, or to compare the images' with them. */
    public static List<String> deployedJvmOptionList(Path root) {
        try {
            return Files.readAllLines(root.resolve("deploy/service-jvm.options")).stream()
                    .map(l -> l.replaceAll("#.*", "").strip()).filter(l -> !l.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String name() {
        return name;
    }

    public String url() {
        return "http://localhost:" + port;
    }

    /** Starts the process; its output is appended to the log, so a restart keeps the earlier run's lines. */
    public void start() {
        String javaCommand = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(javaCommand));
        command.addAll(jvmOptions);
        Path archive = jar.resolveSibling(CDS_ARCHIVE);
        if (Files.isRegularFile(archive)) {
            command.add("-XX:SharedArchiveFile=" + CDS_ARCHIVE);
        }
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(jar.getParent().toFile()) // the JVM maps the archive only when started from the jar's folder
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        builder.environment().putIfAbsent("MALLOC_ARENA_MAX", "2"); // glibc's per-thread arenas add resident memory, not speed
        try {
            Files.writeString(log, "\n=== start " + name + " " + Instant.now() + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    /** Until /q/health/ready answers 200; fails at once when the process died. */
    public void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int last = 0;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with status " + process.exitValue() + tail());
            }
            last = status("/q/health/ready");
            if (last == 200) {
                return;
            }
            sleep(50);
        }
        throw new IllegalStateException(name + " not ready after " + timeout.toSeconds() + " s (last status " + last
                + ")" + tail());
    }

    /** SIGTERM, as an orchestrator stops a container; SIGKILL only if it does not end within 30 s. */
    public void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** The running JVM, e.g. to read its resident memory; null before {@link #start()}. */
    public Process process() {
        return process;
    }

    /** The exit status of the last run: 143 (SIGTERM) counts as a clean stop for a JVM. */
    public int exitValue() {
        return process.exitValue();
    }

    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return "\n--- end of " + log + ":\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 60),
                    lines.size()));
        } catch (IOException e) {
            return "\n(no log " + log + ": " + e + ")";
        }
    }

    private int status(String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(5)).build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
