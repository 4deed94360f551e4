package org.ogi.support.kafka;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;

/**
 * Whether retrying a failed poll can succeed. Decided by the first {@link SQLException} among the causes and suppressed
 * exceptions (a commit on a cut connection surfaces as a RollbackException whose SQL cause is only suppressed), by its
 * SQLSTATE class:
 * <ul>
 * <li>{@link #DATA} (the events' data; every retry would fail the same way): 22 data exception (NUL in text, numeric
 * overflow, value out of range), 23 integrity constraint, 54 program limit exceeded (an array or row too big), XX
 * internal error (the server could not handle this statement).</li>
 * <li>{@link #TRANSIENT}, retried: 08 connection, 40 rollback (serialization failure, deadlock), 53 insufficient
 * resources, 55 object not in prerequisite state (lock not available), 57 operator intervention (shutdown, query
 * cancelled), 58 system error, 25 (read-only transaction after a fail-over), no SQLSTATE (the pool's acquisition
 * timeout), and every other class: one this code does not expect is a fault of the code or the configuration, and
 * blocking the partition until it is fixed loses nothing, whereas dead-lettering good events would.</li>
 * </ul>
 * A failure with no SQL exception at all is an error of this code on this event's data ({@link #DATA}), unless it says
 * it is worth retrying ({@link Retryable}) or comes from the transaction manager ({@code jakarta.transaction}: a commit
 * that timed out or was rolled back).
 */
public enum FailureKind {
    DATA, TRANSIENT;

    private static final Set<String> DATA_CLASSES = Set.of("22", "23", "54", "XX");

    /** Marks an exception retrying can cure although it does not come from the database (e.g. a race lost). */
    public interface Retryable {
    }

    public static FailureKind of(Throwable failure) {
        Optional<SQLException> sql = firstSql(failure);
        if (sql.isPresent()) {
            String state = sqlState(sql.get());
            return state != null && state.length() >= 2 && DATA_CLASSES.contains(state.substring(0, 2))
                    ? DATA : TRANSIENT;
        }
        return retryable(failure, newSeen()) ? TRANSIENT : DATA;
    }

    /** The SQLSTATE that decided, e.g. for a dead letter's reason; empty when no SQL exception is involved. */
    public static Optional<String> sqlState(Throwable failure) {
        return firstSql(failure).map(FailureKind::sqlState);
    }

    /**
     * The deciding SQL exception's own message on one line, at most 300 characters: for a JDBC batch the statement's
     * error, not the batch entry with all its values (a report's cells). Empty when no SQL exception is involved.
     */
    public static Optional<String> sqlMessage(Throwable failure) {
        return firstSql(failure).map(sql -> sql instanceof BatchUpdateException && sql.getNextException() != null
                ? sql.getNextException() : sql).map(sql -> {
                    String m = String.valueOf(sql.getMessage()).replaceAll("\\s+", " ").strip();
                    return m.length() > 300 ? m.substring(0, 300) + "…" : m;
                });
    }

    private static String sqlState(SQLException sql) {
        // a failed JDBC batch reports the statement's own error as its next exception
        if (sql instanceof BatchUpdateException && sql.getNextException() != null
                && sql.getNextException().getSQLState() != null) {
            return sql.getNextException().getSQLState();
        }
        return sql.getSQLState();
    }

    private static Optional<SQLException> firstSql(Throwable failure) {
        return Optional.ofNullable(findSql(failure, newSeen()));
    }

    private static SQLException findSql(Throwable e, Set<Throwable> seen) {
        if (e == null || !seen.add(e) || seen.size() > 50) {
            return null;
        }
        if (e instanceof SQLException sql) {
            return sql;
        }
        SQLException found = findSql(e.getCause(), seen);
        for (int i = 0; found == null && i < e.getSuppressed().length; i++) {
            found = findSql(e.getSuppressed()[i], seen);
        }
        return found;
    }

    private static boolean retryable(Throwable e, Set<Throwable> seen) {
        if (e == null || !seen.add(e) || seen.size() > 50) {
            return false;
        }
        if (e instanceof Retryable || e.getClass().getName().startsWith("jakarta.transaction.")) {
            return true;
        }
        for (Throwable suppressed : e.getSuppressed()) {
            if (retryable(suppressed, seen)) {
                return true;
            }
        }
        return retryable(e.getCause(), seen);
    }

    private static Set<Throwable> newSeen() {
        return Collections.newSetFromMap(new IdentityHashMap<>());
    }
}
