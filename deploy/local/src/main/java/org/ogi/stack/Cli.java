package org.ogi.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

/**
 * Small helpers shared by the servers' {@code main} methods, so that each server can run as its own OS process
 * under {@code run.sh} with the same code the tests use in-process.
 */
final class Cli {

    private Cli() {
    }

    /**
     * Console logging for a server running as its own process: INFO for the stack's own messages, WARN for the
     * broker. Works when java.util.logging is the JBoss LogManager (run.sh passes
     * {@code -Djava.util.logging.manager=org.jboss.logmanager.LogManager}), which is where SLF4J logs go here.
     */
    static void standaloneLogging() {
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        // replaces whatever is there: on this classpath Quarkus's bootstrap installs a handler that only buffers
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        ConsoleHandler console = new ConsoleHandler();
        console.setLevel(Level.INFO);
        console.setFormatter(new SimpleFormatter() {
            @Override
            public String format(LogRecord record) {
                String thrown = record.getThrown() == null ? "" : " " + record.getThrown();
                return String.format("%1$tF %1$tT %2$-7s [%3$s] %4$s%5$s%n", record.getMillis(),
                        record.getLevel().getName(), record.getLoggerName(), formatMessage(record), thrown);
            }
        });
        root.addHandler(console);
        root.setLevel(Level.INFO);
        QuietLogs.apply();
    }

    /** Parses {@code --name value} pairs; anything else is a usage error. */
    static Map<String, String> options(String[] args, String usage) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                fail(usage);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    static int intOption(Map<String, String> options, String name, int fallback, String usage) {
        String value = options.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            fail(usage);
            return fallback;
        }
    }

    static void fail(String message) {
        System.err.println(message);
        System.exit(2);
    }

    /**
     * Keeps the process alive until SIGTERM/SIGINT. The JVM runs shutdown hooks on those signals, so
     * {@code onShutdown} stops the server cleanly and the process exits once it returns.
     */
    static void runUntilTerminated(Runnable onShutdown) {
        CountDownLatch forever = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(onShutdown, "ogi-stack-shutdown"));
        try {
            forever.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A port that was free a moment ago; good enough on a developer machine and in tests. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    static void requirePortFree(int port, String what) {
        try (ServerSocket socket = new ServerSocket(port)) {
            socket.setReuseAddress(true);
        } catch (IOException e) {
            throw new IllegalStateException(what + ": port " + port + " is already in use (another process listens on it;"
                    + " an earlier run may still be alive)", e);
        }
    }
}
