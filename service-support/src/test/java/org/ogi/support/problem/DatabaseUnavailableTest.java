package org.ogi.support.problem;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Which failures are the database being away (503, retry) and which are not (500 or their own mapping). */
class DatabaseUnavailableTest {

    @Test
    void aConnectionFailureDeepInTheCauseChainIsTheDatabaseBeingAway() {
        SQLException refused = new SQLException("Connection to localhost:5432 refused", "08001");
        assertTrue(DatabaseUnavailable.causedBy(new RuntimeException("wrapped", new IllegalStateException(refused))));
        assertTrue(DatabaseUnavailable.causedBy(new SQLException("terminating connection due to administrator command", "57P01")));
        assertTrue(DatabaseUnavailable.causedBy(new SQLException("the database system is starting up", "57P03")));
        assertTrue(DatabaseUnavailable.causedBy(new SQLException("too many clients already", "53300")));
        assertTrue(DatabaseUnavailable.causedBy(new RuntimeException(new SQLException("Sorry, acquisition timeout!"))));
    }

    @Test
    void aCommitOnACutConnectionCountsThoughItsSqlCauseIsOnlySuppressed() {
        Exception rollback = new Exception("ARJUNA016053: Could not commit transaction.");
        Exception xa = new Exception("Error trying to transactionCommit local transaction");
        xa.initCause(new SQLException("FATAL: terminating connection due to administrator command", "57P01"));
        rollback.addSuppressed(xa);
        assertTrue(DatabaseUnavailable.causedBy(new RuntimeException("Error invoking subclass method", rollback)));
    }

    @Test
    void aConstraintViolationOrAPlainBugIsNot() {
        assertFalse(DatabaseUnavailable.causedBy(new RuntimeException(new SQLException("duplicate key", "23505"))));
        assertFalse(DatabaseUnavailable.causedBy(new SQLException("syntax error", "42601")));
        assertFalse(DatabaseUnavailable.causedBy(new NullPointerException()));
        RuntimeException loop = new RuntimeException("a");
        RuntimeException other = new RuntimeException("b", loop);
        loop.addSuppressed(other);
        assertFalse(DatabaseUnavailable.causedBy(other), "a cycle of causes and suppressed ends");
    }
}
