package org.ogi.notification.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ogi.format.AgencyKind;
import org.ogi.format.ReportStatus;

class ReminderPlanTest {

    private static final ReminderPlan PLAN = new ReminderPlan(List.of(14, 3, 0), LocalTime.of(9, 0), 1, 7, 7,
            LocalTime.of(20, 0), LocalTime.of(8, 0));
    private static final LocalDate DEADLINE = LocalDate.of(2025, 1, 31);

    private static Obligation obligation(ReportStatus status, long revision, Instant returnedAt) {
        return new Obligation(new Contact("X", "某局", "x@example.cn", null), "110105", AgencyKind.DEPARTMENT, null,
                null, 2024, DEADLINE, status, revision, null, returnedAt);
    }

    private static Optional<String> stageAt(String at) {
        return PLAN.agencyStage(obligation(null, 0, null), at(at)).map(Stage::key);
    }

    private static Instant at(String s) {
        return OffsetDateTime.parse(s).toInstant();
    }

    @Test
    void nothingIsDueBeforeTheFirstReminderMorning() {
        assertEquals(Optional.empty(), stageAt("2025-01-17T08:59:59+08:00"));
        assertEquals(Optional.of("BEFORE_14"), stageAt("2025-01-17T09:00:00+08:00"));
    }

    @Test
    void eachStageBecomesDueAtNineOnItsDay() {
        assertEquals(Optional.of("BEFORE_14"), stageAt("2025-01-28T08:00:00+08:00"));
        assertEquals(Optional.of("BEFORE_3"), stageAt("2025-01-28T09:00:00+08:00"));
        assertEquals(Optional.of("DUE_DAY"), stageAt("2025-01-31T09:00:00+08:00"));
        assertEquals(Optional.of("LATE_1"), stageAt("2025-02-01T09:00:00+08:00"));
        assertEquals(Optional.of("LATE_1"), stageAt("2025-02-13T23:00:00+08:00"));
        assertEquals(Optional.of("LATE_14"), stageAt("2025-02-14T09:00:00+08:00"));
        assertEquals(Optional.of("LATE_21"), stageAt("2025-02-21T09:00:00+08:00"));
        assertEquals(Optional.of("LATE_63"), stageAt("2025-04-04T09:00:00+08:00"));
    }

    @Test
    void neverOffersAPreDeadlineReminderOnceTheDeadlineDayIsOver() {
        // the service was down from 16 January: the first run after the deadline day sends nothing until day 1, 09:00
        assertEquals(Optional.empty(), stageAt("2025-02-01T00:30:00+08:00"));
        assertEquals(Optional.of("LATE_1"), stageAt("2025-02-01T10:00:00+08:00"));
    }

    @Test
    void catchUpPicksOnlyTheLatestStageThatPassed() {
        // 14, 3 and 0 days before have all passed by the deadline morning: only the deadline-day reminder is due
        assertEquals(Optional.of("DUE_DAY"), stageAt("2025-01-31T15:00:00+08:00"));
        assertEquals(Optional.of("LATE_42"), stageAt("2025-03-20T12:00:00+08:00"));
    }

    @Test
    void theFirstLateReminderCopiesTheSupervisingOfficeAndLaterOnesDoNot() {
        assertTrue(PLAN.agencyStage(obligation(null, 0, null), at("2025-02-02T10:00:00+08:00")).orElseThrow()
                .copySupervisor());
        assertFalse(PLAN.agencyStage(obligation(null, 0, null), at("2025-02-14T10:00:00+08:00")).orElseThrow()
                .copySupervisor());
    }

    @Test
    void aMetObligationIsNeverChased() {
        assertEquals(Optional.empty(),
                PLAN.agencyStage(obligation(ReportStatus.SUBMITTED, 1, null), at("2025-02-14T10:00:00+08:00")));
        assertEquals(Optional.empty(),
                PLAN.agencyStage(obligation(ReportStatus.ACCEPTED, 2, null), at("2025-02-14T10:00:00+08:00")));
        assertEquals(Optional.of("LATE_14"), PLAN.agencyStage(obligation(ReportStatus.WITHDRAWN, 2, null),
                at("2025-02-14T10:00:00+08:00")).map(Stage::key));
    }

    @Test
    void aReturnIsItsOwnStageUntilALaterStageComes() {
        Obligation returned = obligation(ReportStatus.RETURNED, 4, at("2025-02-03T11:00:00+08:00"));
        assertEquals(Optional.of("LATE_1"), PLAN.agencyStage(returned, at("2025-02-03T10:00:00+08:00")).map(Stage::key));
        Stage stage = PLAN.agencyStage(returned, at("2025-02-03T14:00:00+08:00")).orElseThrow();
        assertEquals("RETURNED_R4", stage.key());
        assertEquals(StageKind.RETURNED, stage.kind());
        assertEquals(Optional.of("LATE_14"), PLAN.agencyStage(returned, at("2025-02-14T09:30:00+08:00")).map(Stage::key));
    }

    @Test
    void escalationIsDueFromTheSeventhDayOn() {
        assertEquals(Optional.empty(), PLAN.escalation(DEADLINE, at("2025-02-07T08:59:00+08:00")));
        assertEquals(Optional.of("ESCALATION_7"),
                PLAN.escalation(DEADLINE, at("2025-02-07T09:00:00+08:00")).map(Stage::key));
        assertEquals(Optional.of("ESCALATION_7"),
                PLAN.escalation(DEADLINE, at("2025-03-30T09:00:00+08:00")).map(Stage::key));
    }

    @Test
    void quietHoursWrapMidnightInShanghaiTime() {
        assertTrue(PLAN.quiet(at("2025-02-01T20:00:00+08:00")));
        assertTrue(PLAN.quiet(at("2025-02-02T07:59:59+08:00")));
        assertTrue(PLAN.quiet(at("2025-02-01T13:00:00Z"))); // 21:00 in Shanghai
        assertFalse(PLAN.quiet(at("2025-02-02T08:00:00+08:00")));
        assertFalse(PLAN.quiet(at("2025-02-01T19:59:59+08:00")));
        assertFalse(PLAN.quiet(at("2025-02-01T03:00:00Z"))); // 11:00 in Shanghai
    }

    @Test
    void rejectsAPlanThatEscalatesBeforeTheFirstLateReminder() {
        assertThrows(IllegalArgumentException.class, () -> new ReminderPlan(List.of(3), LocalTime.NOON, 8, 7, 7,
                LocalTime.of(20, 0), LocalTime.of(8, 0)));
    }
}
