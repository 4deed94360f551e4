package org.ogi.support.problem;

import java.sql.SQLException;

/**
 * Tells a failure caused by the database being unreachable (down, restarting, connections cut, pool timed out
 * waiting for a connection) from a bug: the first is answered 503 and retried by the client, the second is a 500.
 */
final class DatabaseUnavailable {

    static final int RETRY_AFTER_SECONDS = 5;

    private DatabaseUnavailable() {
    }

    /**
     * SQLSTATE class 08 (connection exception), 57P01–57P03 (admin shutdown, crash shutdown, cannot connect now: the
     * server is starting), 53300 (too many connections); or the pool's acquisition timeout, which has no SQLSTATE.
     * Causes and suppressed exceptions are both searched: a commit that fails because the server went away surfaces as
     * a RollbackException whose SQL cause is only attached as suppressed.
     */
    static boolean causedBy(Throwable e) {
        return search(e, java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
    }

    private static boolean search(Throwable e, java.util.Set<Throwable> seen) {
        if (e == null || !seen.add(e) || seen.size() > 50) {
            return false;
        }
        if (e instanceof SQLException sql) {
            String state = sql.getSQLState();
            if (state != null && (state.startsWith("08") || state.startsWith("57P") || state.equals("53300"))) {
                return true;
            }
            if (state == null && sql.getMessage() != null && sql.getMessage().contains("acquisition timeout")) {
                return true;
            }
        }
        for (Throwable suppressed : e.getSuppressed()) {
            if (search(suppressed, seen)) {
                return true;
            }
        }
        return search(e.getCause(), seen);
    }

    /** The innermost message, for the log (never for the client). */
    static String describe(Throwable e) {
        Throwable last = e;
        for (Throwable c = e; c != null && c.getCause() != c; c = c.getCause()) {
            last = c;
        }
        return last.getClass().getSimpleName() + ": " + last.getMessage();
    }
}
