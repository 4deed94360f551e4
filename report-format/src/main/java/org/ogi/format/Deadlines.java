package org.ogi.format;

import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Statutory filing deadlines. Timeliness is decided by the server's receipt time in Asia/Shanghai, because
 * the law counts calendar days in China: 2024-01-31T16:30Z is already 1 February there, so it is late.
 */
public final class Deadlines {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private static final MonthDay DEPARTMENT_DEADLINE = MonthDay.of(1, 31);
    private static final MonthDay GOVERNMENT_DEADLINE = MonthDay.of(3, 31);
    private static final int REVISED_REGULATION_FIRST_YEAR = 2019;

    private Deadlines() {
    }

    /**
     * Statutory last day for filing the report of {@code year}: 2019+ reports: DEPARTMENT 31 Jan of year+1,
     * GOVERNMENT 31 Mar of year+1, TOWNSHIP {@code townshipDeadline} of year+1 (29 Feb falls back to 28 Feb);
     * 2008–2018 reports (2008 Regulation Art. 31): 31 Mar of year+1 for all kinds.
     * {@code townshipDeadline} is only needed, and then required, for a 2019+ township report.
     */
    public static LocalDate deadline(int year, AgencyKind kind, MonthDay townshipDeadline) {
        Objects.requireNonNull(kind, "kind");
        if (year < ReportFormat.FIRST_YEAR) {
            throw new IllegalArgumentException("no deadline for report year " + year);
        }
        int filingYear = year + 1;
        if (year < REVISED_REGULATION_FIRST_YEAR) {
            return GOVERNMENT_DEADLINE.atYear(filingYear);
        }
        return switch (kind) {
            case DEPARTMENT -> DEPARTMENT_DEADLINE.atYear(filingYear);
            case GOVERNMENT -> GOVERNMENT_DEADLINE.atYear(filingYear);
            case TOWNSHIP -> Objects.requireNonNull(townshipDeadline, "townshipDeadline").atYear(filingYear);
        };
    }

    /** On time iff {@code receivedAt}, in Asia/Shanghai, falls on or before the deadline date. */
    public static boolean onTime(Instant receivedAt, LocalDate deadline) {
        return !receivedAt.atZone(ZONE).toLocalDate().isAfter(deadline);
    }

    /** Whole days late in Asia/Shanghai (0 when on time), e.g. for reminders and late-filer lists. */
    public static long daysLate(Instant receivedAt, LocalDate deadline) {
        long days = ChronoUnit.DAYS.between(deadline, receivedAt.atZone(ZONE).toLocalDate());
        return Math.max(0, days);
    }
}
