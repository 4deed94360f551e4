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
     */
    static boolean causedBy(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || state.startsWith("57P") || state.equals("53300"))) {
                    return true;
                }
                if (state == null && sql.getMessage() != null && sql.getMessage().contains("acquisition timeout")) {
                    return true;
                }
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
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
