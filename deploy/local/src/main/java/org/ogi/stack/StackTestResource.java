package org.ogi.stack;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Gives a {@code @QuarkusTest} a real PostgreSQL, Kafka and JWT keys. One {@link Stack} is shared by every test class
 * in the JVM, even across Quarkus restarts and class loaders (starting it costs seconds); it is stopped by a JVM
 * shutdown hook. Each service gets its own database, named by the init arg {@code database} (default "ogi").
 */
public class StackTestResource implements QuarkusTestResourceLifecycleManager {

    private static Stack view;

    private String database = "ogi";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", "ogi");
    }

    @Override
    public Map<String, String> start() {
        Stack stack = stack();
        stack.postgres().ensureDatabase(database);
        if (!stack.kafka().isRunning()) {
            // an earlier test class stopped Kafka and failed before restarting it
            stack.kafka().restart();
        }
        return Map.of(
                "quarkus.datasource.jdbc.url", stack.postgres().jdbcUrl(database),
                "quarkus.datasource.username", stack.postgres().username(),
                "quarkus.datasource.password", stack.postgres().password(),
                "kafka.bootstrap.servers", stack.kafka().bootstrapServers(),
                "mp.jwt.verify.publickey.location", stack.tokens().publicKeyPath().toString(),
                "mp.jwt.verify.issuer", Tokens.ISSUER);
    }

    /** The shared stack lives until the JVM exits, so the next test class reuses it. */
    @Override
    public void stop() {
    }

    /** The JVM's shared stack, started on first use: {@code stack().tokens().agency(...)}, {@code stack().kafka().stop()}. */
    public static synchronized Stack stack() {
        if (view == null) {
            view = SharedStack.view();
        }
        return view;
    }
}
