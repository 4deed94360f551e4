package org.ogi.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL, Kafka (with the topics) and a JWT key pair, started together for tests: the two servers start in
 * parallel because each takes a few seconds, and every directory is temporary. A Stack is either the owner of the
 * servers or a view of a stack owned by another class loader ({@link SharedStack}); a view's close() does nothing.
 */
public final class Stack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Stack.class);
    /** Partitions of the test topics: more than one, so keying by agency matters in tests as it does in production. */
    public static final int TEST_PARTITIONS = 3;

    private final PostgresServer postgres;
    private final KafkaBroker kafka;
    private final Tokens tokens;
    private final Path keyDir;
    private final boolean owner;

    private Stack(PostgresServer postgres, KafkaBroker kafka, Tokens tokens, Path keyDir, boolean owner) {
        this.postgres = postgres;
        this.kafka = kafka;
        this.tokens = tokens;
        this.keyDir = keyDir;
        this.owner = owner;
    }

    /** Starts a fresh, non-durable stack in temporary directories; {@link #close()} removes them. */
    public static Stack startForTests() {
        long started = System.nanoTime();
        CompletableFuture<PostgresServer> postgres = CompletableFuture.supplyAsync(() -> PostgresServer.start(null, 0, false));
        CompletableFuture<KafkaBroker> kafka = CompletableFuture.supplyAsync(() -> {
            KafkaBroker broker = KafkaBroker.start(null, 0);
            broker.createTopics(TEST_PARTITIONS);
            return broker;
        });
        Path keyDir = null;
        try {
            keyDir = Files.createTempDirectory("ogi-jwt-");
            Tokens tokens = Tokens.inDirectory(keyDir);
            Stack stack = new Stack(postgres.join(), kafka.join(), tokens, keyDir, true);
            LOG.info("test stack up in {} ms: {} and {}", (System.nanoTime() - started) / 1_000_000,
                    stack.postgres.jdbcUrl("…"), stack.kafka.bootstrapServers());
            return stack;
        } catch (IOException | RuntimeException e) {
            postgres.thenAccept(PostgresServer::close);
            kafka.thenAccept(KafkaBroker::close);
            if (keyDir != null) {
                deleteRecursively(keyDir);
            }
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            throw cause instanceof IOException io ? new UncheckedIOException(io)
                    : new IllegalStateException("the test stack did not start", cause);
        }
    }

    public PostgresServer postgres() {
        return postgres;
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    public Tokens tokens() {
        return tokens;
    }

    /** What a view in another class loader needs, as JDK types only (class identity differs between loaders). */
    Map<String, Object> export() {
        KafkaBroker.Control control = kafka.control();
        return Map.of(
                "postgres.port", postgres.port(),
                "postgres.dataDir", postgres.dataDir().toString(),
                "kafka.port", kafka.port(),
                "kafka.logDir", kafka.logDir().toString(),
                "kafka.stop", control.stop(),
                "kafka.restart", control.restart(),
                "kafka.running", control.running(),
                "tokens.dir", keyDir.toString());
    }

    /** A view of a stack exported by {@link #export()}, possibly from another class loader. */
    static Stack view(Map<String, Object> exported) {
        Path keyDir = Path.of((String) exported.get("tokens.dir"));
        KafkaBroker.Control control = new KafkaBroker.Control((Runnable) exported.get("kafka.stop"),
                (Runnable) exported.get("kafka.restart"), (BooleanSupplier) exported.get("kafka.running"));
        return new Stack(
                PostgresServer.attached(Path.of((String) exported.get("postgres.dataDir")), (Integer) exported.get("postgres.port")),
                KafkaBroker.attached(Path.of((String) exported.get("kafka.logDir")), (Integer) exported.get("kafka.port"), control),
                Tokens.inDirectory(keyDir), keyDir, false);
    }

    /** Kafka first, then PostgreSQL, then the keys; a view leaves the shared stack running. */
    @Override
    public void close() {
        if (!owner) {
            return;
        }
        try {
            kafka.close();
        } finally {
            try {
                postgres.close();
            } finally {
                deleteRecursively(keyDir);
            }
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            LOG.warn("could not delete {}", dir, e);
        }
    }
}
