package org.ogi.format;

import java.time.Instant;
import java.util.UUID;

/** Envelope on {@code ogi.reports}, key = {@link Topics#reportKey}. */
public record ReportEvent(UUID eventId, String type, Instant occurredAt, ReportState report) {

    public static final String FILED = "ReportFiled";
    public static final String AMENDED = "ReportAmended";
    public static final String REVIEWED = "ReportReviewed";
    public static final String WITHDRAWN = "ReportWithdrawn";

    public static ReportEvent of(String type, ReportState report, Instant occurredAt) {
        return new ReportEvent(UUID.randomUUID(), type, occurredAt, report);
    }
}
