package org.ogi.notification.domain;

import java.time.Instant;
import java.time.LocalDate;
import org.ogi.format.AgencyKind;
import org.ogi.format.Deadlines;
import org.ogi.format.ReportStatus;

/**
 * An agency's duty to file its report for one year (Regulation Art. 49), as known from the two topics.
 *
 * @param supervisor  the effective supervising office, null when unknown or not registered here
 * @param status      null while nothing was filed
 * @param returnedAt  when the current RETURNED state was decided, null otherwise
 */
public record Obligation(Contact agency, String regionCode, AgencyKind kind, String supervisorCode, Contact supervisor,
                         int year, LocalDate deadline, ReportStatus status, long revision, String reviewComment,
                         Instant returnedAt) {

    /** Met when a version is filed and not withdrawn; a returned report is unmet until refiled. */
    public static boolean meets(ReportStatus status) {
        return status == ReportStatus.SUBMITTED || status == ReportStatus.ACCEPTED;
    }

    public boolean met() {
        return meets(status);
    }

    public long daysLate(Instant at) {
        return Deadlines.daysLate(at, deadline);
    }

    /** Chinese wording of where the obligation stands, for messages and the late-filer list. */
    public String statusText() {
        if (status == null) {
            return "未报送";
        }
        return switch (status) {
            case RETURNED -> "已退回待重报";
            case WITHDRAWN -> "已撤回";
            case SUBMITTED -> "已报送";
            case ACCEPTED -> "已通过审核";
        };
    }
}
