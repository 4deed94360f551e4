package org.ogi.notification.service;

import java.time.Instant;
import java.time.LocalDate;
import org.ogi.format.AgencyKind;
import org.ogi.format.ReportStatus;

/**
 * One agency that has not (validly) filed by its deadline.
 *
 * @param reportStatus  null when nothing was ever filed; RETURNED or WITHDRAWN otherwise
 * @param remindersSent distinct reminder stages delivered on at least one channel
 * @param escalated     listed in a digest its supervising office received
 * @param unreachable   a reminder was given up (no contact registered, or a channel kept failing); see lastError
 */
public record LateFiler(String agencyCode, String agencyName, String regionCode, AgencyKind kind, String supervisorCode,
                        int year, LocalDate deadline, long daysLate, ReportStatus reportStatus, String statusText,
                        String reviewComment, int remindersSent, Instant lastSentAt, boolean escalated,
                        boolean unreachable, String lastError) {
}
