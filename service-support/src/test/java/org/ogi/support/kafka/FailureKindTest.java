package org.ogi.support.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which failures of a poll are the events' data (dead-letter the guilty event) and which pass (retry the poll). */
class FailureKindTest {

    private static RuntimeException database(String sqlState) {
        return new IllegalStateException("could not apply report states", new SQLException("refused", sqlState));
    }

    @Test
    void dataExceptionsConstraintViolationsLimitsAndInternalErrorsAreTheData() {
        assertEquals(FailureKind.DATA, FailureKind.of(database("22021")), "invalid byte sequence (NUL in text)");
        assertEquals(FailureKind.DATA, FailureKind.of(database("22003")), "numeric value out of range");
        assertEquals(FailureKind.DATA, FailureKind.of(database("22008")), "datetime field overflow");
        assertEquals(FailureKind.DATA, FailureKind.of(database("23505")), "unique violation");
        assertEquals(FailureKind.DATA, FailureKind.of(database("23514")), "check violation");
        assertEquals(FailureKind.DATA, FailureKind.of(database("54000")), "program limit exceeded");
        assertEquals(FailureKind.DATA, FailureKind.of(database("XX000")), "internal error");
    }

    @Test
    void connectionRollbackResourceShutdownAndSystemFailuresAreRetried() {
        for (String state : new String[] {"08006", "08001", "40001", "40P01", "53300", "53200", "55P03", "57P01",
                "57014", "58030", "25006"}) {
            assertEquals(FailureKind.TRANSIENT, FailureKind.of(database(state)), state);
        }
        assertEquals(FailureKind.TRANSIENT, FailureKind.of(database(null)), "pool acquisition timeout: no SQLSTATE");
    }

    @Test
    void anUnexpectedSqlStateIsRetriedRatherThanDeadLetteringGoodEvents() {
        assertEquals(FailureKind.TRANSIENT, FailureKind.of(database("42P01")), "undefined table: a deployment fault");
        assertEquals(FailureKind.TRANSIENT, FailureKind.of(database("42501")), "insufficient privilege");
    }

    @Test
    void aFailedJdbcBatchIsJudgedByTheStatementsOwnError() {
        BatchUpdateException batch = new BatchUpdateException("Batch entry 3 was aborted", "22021", new int[0]);
        batch.setNextException(new SQLException("invalid byte sequence for encoding UTF8: 0x00", "22021"));
        assertEquals(FailureKind.DATA, FailureKind.of(new IllegalStateException(batch)));
        BatchUpdateException cut = new BatchUpdateException("Batch entry 0 was aborted", null, new int[0]);
        cut.setNextException(new SQLException("An I/O error occurred", "08006"));
        assertEquals(FailureKind.TRANSIENT, FailureKind.of(cut));
    }

    @Test
    void aSqlCauseAttachedOnlyAsSuppressedStillDecides() {
        RuntimeException commit = new RuntimeException("commit failed");
        commit.addSuppressed(new SQLException("This connection has been closed.", "08003"));
        assertEquals(FailureKind.TRANSIENT, FailureKind.of(commit));
    }

    @Test
    void aFailureOutsideTheDatabaseIsTheDataUnlessItSaysRetrying() {
        assertEquals(FailureKind.DATA, FailureKind.of(new IllegalArgumentException("a bug on this event")));
        class RaceLost extends IllegalStateException implements FailureKind.Retryable {
        }
        assertEquals(FailureKind.TRANSIENT, FailureKind.of(new RuntimeException(new RaceLost())));
    }

    @Test
    void theDecidingSqlStateIsReported() {
        assertEquals(Optional.of("22003"), FailureKind.sqlState(database("22003")));
        assertEquals(Optional.empty(), FailureKind.sqlState(new IllegalArgumentException("no database")));
    }

    @Test
    void theReasonOfARefusedBatchEntryIsTheServersMessageNotTheStatementWithItsValues() {
        BatchUpdateException batch = new BatchUpdateException("Batch entry 0 insert into report_state values "
                + "('1'::int8, '{0,0,0}'::numeric[]) was aborted", "22003", new int[0]);
        batch.setNextException(new SQLException("ERROR: value overflows numeric format\n  Where: unnamed portal",
                "22003"));
        assertEquals(Optional.of("ERROR: value overflows numeric format Where: unnamed portal"),
                FailureKind.sqlMessage(new IllegalStateException("could not apply report states", batch)));
        String longMessage = FailureKind.sqlMessage(new SQLException("x".repeat(1000), "22001")).orElseThrow();
        assertEquals("x".repeat(300) + "…", longMessage);
    }
}
