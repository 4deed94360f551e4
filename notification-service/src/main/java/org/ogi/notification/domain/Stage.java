package org.ogi.notification.domain;

import java.time.Instant;

/**
 * One step of the reminder plan. {@code key} is what the delivery table makes unique per (agency, year), so it must
 * be stable across runs and restarts: it is derived from the plan (days before/after the deadline), never from a clock.
 *
 * @param dueAt          when the stage becomes due
 * @param copySupervisor whether the supervising office is copied (the first late reminder)
 */
public record Stage(String key, StageKind kind, Instant dueAt, boolean copySupervisor) {

    public static final String DUE_DAY_KEY = "DUE_DAY";

    public static String beforeKey(int days) {
        return days == 0 ? DUE_DAY_KEY : "BEFORE_" + days;
    }

    public static String lateKey(int days) {
        return "LATE_" + days;
    }

    /** One per return decision: a report returned twice is chased twice. */
    public static String returnedKey(long revision) {
        return "RETURNED_R" + revision;
    }

    public static String escalationKey(int days) {
        return "ESCALATION_" + days;
    }
}
