package org.ogi.submission.service;

import java.time.Instant;
import java.time.LocalDate;
import org.ogi.format.ReportStatus;

/** One line of the supervisor's list of reports. */
public record ReportSummary(String agencyCode, String agencyName, String regionCode, int year, int version,
        ReportStatus status, Instant firstReceivedAt, LocalDate deadline, boolean onTime, String reviewedBy) {
}
