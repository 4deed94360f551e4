package org.ogi.notification.domain;

/** What a stage says, which decides the wording and who is addressed. */
public enum StageKind {
    /** Polite reminder some days before the deadline. */
    BEFORE,
    /** The deadline day itself. */
    DUE_DAY,
    /** Past the deadline: to the agency (the first one with the supervising office in copy). */
    LATE,
    /** The report was returned by the reviewer: unmet again, with the reviewer's comment. */
    RETURNED,
    /** One digest per supervising office listing its late agencies. */
    ESCALATION
}
