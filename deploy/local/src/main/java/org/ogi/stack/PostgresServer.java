package org.ogi.stack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server from zonky's packaged binaries, so that tests and the local stack run against the same
 * database engine as production without Docker. Tests use a throw-away directory with durability switched off;
 * the local stack keeps its directory and stays durable.
 */
public final class PostgresServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresServer.class);
    private static final String USER = "postgres";
    private static final String PASSWORD = "postgres";
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final String USAGE = "usage: PostgresServer --data-dir DIR [--port N] [--databases a,b,c]";

    private final EmbeddedPostgres postgres;
    private final Path dataDir;
    private final int port;

    private PostgresServer(EmbeddedPostgres postgres, Path dataDir, int port) {
        this.postgres = postgres;
        this.dataDir = dataDir;
        this.port = port;
    }

    /**
     * Starts a server. {@code dataDir == null}: a fresh temporary directory, deleted on close. {@code port == 0}: a
     * free port. {@code durable == false} turns fsync, synchronous commit and full-page writes off (tests only).
     */
    public static PostgresServer start(Path dataDir, int port, boolean durable) {
        return start(dataDir, port, durable, false);
    }

    /** {@code inheritOutput}: the server's log goes to this process's stdout/stderr (only for its own process). */
    private static PostgresServer start(Path dataDir, int port, boolean durable, boolean inheritOutput) {
        requireUsableUser();
        boolean temporary = dataDir == null;
        try {
            Path dir = temporary ? Files.createTempDirectory("ogi-pg-") : dataDir.toAbsolutePath();
            if (!temporary) {
                Files.createDirectories(dir);
                StalePostmaster.stopIfLeftOver(dir);
            }
            int actualPort = port == 0 ? Cli.freePort() : port;
            Cli.requirePortFree(actualPort, "PostgreSQL");
            String flag = durable ? "on" : "off";
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(temporary)
                    .setRegisterShutdownHook(false)
                    .setPort(actualPort)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setLocaleConfig("locale", "C")
                    // zonky always passes -F (fsync off); a later -c wins, so durable mode turns it back on
                    .setServerConfig("fsync", flag)
                    .setServerConfig("synchronous_commit", flag)
                    .setServerConfig("full_page_writes", flag)
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("max_connections", "300");
            String preload = System.getenv("OGI_PG_SHARED_PRELOAD");
            if (preload != null && !preload.isBlank()) {
                // profiling only, e.g. pg_stat_statements (shipped with the binaries): bench/README.md
                builder.setServerConfig("shared_preload_libraries", preload);
            }
            if (inheritOutput) {
                // the server outlives pg_ctl; its log goes wherever this process's output goes (run.sh: a log file)
                builder.setOutputRedirector(ProcessBuilder.Redirect.INHERIT)
                        .setErrorRedirector(ProcessBuilder.Redirect.INHERIT);
            }
            long started = System.nanoTime();
            EmbeddedPostgres postgres;
            try {
                postgres = builder.start();
            } catch (IOException | RuntimeException e) {
                if (temporary) {
                    deleteRecursively(dir);
                }
                throw e;
            }
            LOG.info("PostgreSQL started on port {} in {} ms (data {}, durable={})", actualPort,
                    (System.nanoTime() - started) / 1_000_000, dir, durable);
            return new PostgresServer(postgres, dir, actualPort);
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start", e);
        }
    }

    /** CREATE DATABASE unless it exists; safe to call concurrently. */
    public void ensureDatabase(String name) {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), USER, PASSWORD)) {
            try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                exists.setString(1, name);
                try (ResultSet rows = exists.executeQuery()) {
                    if (rows.next()) {
                        return;
                    }
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE \"" + name + "\"");
                LOG.info("created database {}", name);
            }
        } catch (SQLException e) {
            if (!"42P04".equals(e.getSQLState())) { // duplicate_database: another caller won the race
                throw new IllegalStateException("could not create database " + name, e);
            }
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    public int port() {
        return port;
    }

    public String username() {
        return USER;
    }

    public String password() {
        return PASSWORD;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** A view of a server owned by another class loader (see {@link SharedStack}); its close() does nothing. */
    static PostgresServer attached(Path dataDir, int port) {
        return new PostgresServer(null, dataDir, port);
    }

    /** Stops the server (pg_ctl stop -m fast); a temporary data directory is deleted. */
    @Override
    public void close() {
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
            LOG.info("PostgreSQL on port {} stopped", port);
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not stop cleanly", e);
        }
    }

    /** {@code --data-dir DIR --port N --databases submission,aggregation,notification}; durable; runs until SIGTERM. */
    public static void main(String[] args) {
        Cli.standaloneLogging();
        Map<String, String> options = Cli.options(args, USAGE);
        String dataDir = options.get("data-dir");
        if (dataDir == null) {
            Cli.fail(USAGE);
        }
        int port = Cli.intOption(options, "port", 15432, USAGE);
        List<String> databases = Arrays.stream(options.getOrDefault("databases", "").split(","))
                .map(String::trim).filter(name -> !name.isEmpty()).toList();
        PostgresServer server;
        try {
            server = start(Path.of(dataDir), port, true, true);
            databases.forEach(server::ensureDatabase);
        } catch (RuntimeException e) {
            System.err.println("PostgreSQL failed to start: " + describe(e));
            System.exit(1);
            return;
        }
        System.out.println("READY postgresql port=" + server.port() + " databases=" + String.join(",", databases)
                + " data=" + server.dataDir());
        System.out.flush();
        Cli.runUntilTerminated(server::close);
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            LOG.warn("could not delete {}", dir, e);
        }
    }

    private static String describe(Throwable e) {
        StringBuilder message = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            message.append(" <- ").append(cause.getMessage());
        }
        return message.toString();
    }

    /**
     * PostgreSQL refuses to run as root. zonky then runs it inside a user namespace ({@code unshare -U}); where a
     * sandbox forbids that, say so plainly instead of failing deep inside initdb.
     */
    private static void requireUsableUser() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return;
        }
        try {
            Process probe = new ProcessBuilder("unshare", "-U", "true").redirectErrorStream(true).start();
            probe.getInputStream().readAllBytes();
            if (probe.waitFor() == 0) {
                return;
            }
        } catch (IOException e) {
            // unshare missing: fall through
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("PostgreSQL cannot run as root, and user namespaces (unshare -U) are not"
                + " available here to drop root; run the build as a non-root user");
    }

    /**
     * pg_ctl daemonises, so a server outlives a JVM that was killed with -9. Before starting on a kept directory,
     * stop such a leftover rather than fail later with a confusing lock-file error.
     */
    private static final class StalePostmaster {

        static void stopIfLeftOver(Path dir) throws IOException {
            Path lockFile = dir.resolve("epg-lock");
            if (Files.exists(lockFile)) {
                requireNotLockedByLiveProcess(dir, lockFile);
            }
            Path pidFile = dir.resolve("postmaster.pid");
            if (!Files.exists(pidFile)) {
                return;
            }
            long pid;
            try {
                pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            } catch (RuntimeException e) {
                Files.deleteIfExists(pidFile);
                return;
            }
            ProcessHandle process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive).orElse(null);
            boolean isPostgres = process != null
                    && process.info().command().map(command -> command.endsWith("postgres")).orElse(false);
            if (!isPostgres) {
                LOG.warn("removing stale {} (process {} is gone)", pidFile, pid);
                Files.deleteIfExists(pidFile);
                return;
            }
            LOG.warn("PostgreSQL from an earlier run is still running on {} (pid {}); stopping it", dir, pid);
            try {
                // SIGINT = fast shutdown: disconnects clients, checkpoints, exits
                new ProcessBuilder("sh", "-c", "kill -INT " + pid).inheritIO().start().waitFor();
                process.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("could not stop the PostgreSQL left running from an earlier run (pid "
                        + pid + "); stop it by hand", e);
            }
        }

        private static void requireNotLockedByLiveProcess(Path dir, Path lockFile) throws IOException {
            try (FileOutputStream stream = new FileOutputStream(lockFile.toFile(), true)) {
                FileLock lock = stream.getChannel().tryLock();
                if (lock == null) {
                    throw new IllegalStateException(dir + " is in use by another running PostgresServer");
                }
                lock.release();
            } catch (OverlappingFileLockException e) {
                throw new IllegalStateException(dir + " is already in use by a PostgresServer in this JVM", e);
            }
        }
    }
}
