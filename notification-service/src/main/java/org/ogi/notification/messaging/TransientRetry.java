package org.ogi.notification.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Applies an event, retrying while the database is unreachable: such an event is fine and must not be dead-lettered,
 * and the partition cannot move past it without losing order. Any other failure is rethrown, so the connector
 * dead-letters the event with the reason instead of blocking the partition for ever.
 */
@ApplicationScoped
public class TransientRetry {

    private static final Logger LOG = Logger.getLogger(TransientRetry.class);
    private static final Duration FIRST_WAIT = Duration.ofMillis(500);
    private static final Duration MAX_WAIT = Duration.ofSeconds(30);

    public void run(String what, Runnable action) {
        Duration wait = FIRST_WAIT;
        for (int attempt = 1; ; attempt++) {
            try {
                action.run();
                return;
            } catch (RuntimeException e) {
                if (!transientDatabaseFailure(e)) {
                    throw e;
                }
                LOG.warnf("Database unavailable while applying %s (attempt %d), retrying in %s: %s", what, attempt,
                        wait, e.getMessage());
                sleep(wait);
                wait = wait.multipliedBy(2).compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait.multipliedBy(2);
            }
        }
    }

    /** SQLSTATE classes 08 (connection), 40 (rollback: serialization, deadlock), 53 (resources), 57 (shutdown). */
    static boolean transientDatabaseFailure(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                return state.startsWith("08") || state.startsWith("40") || state.startsWith("53") || state.startsWith("57");
            }
        }
        return false;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the database", e);
        }
    }
}
