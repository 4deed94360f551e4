package org.ogi.format;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The whole current state of one report as carried on {@code ogi.reports}. {@code revision} grows by one
 * at every change (new version or review decision): consumers apply a state only when its revision is
 * newer than the one they hold, which makes redelivery and replay harmless.
 *
 * @param format the {@link ReportFormat#id()} ("2019", "2021", "legacy")
 * @param cells  flat cells keyed as in {@link ReportFormat#cells()}; legacy values may be null
 * @param reviewComment null until reviewed, like {@code reviewedBy} and {@code reviewedAt}
 */
public record ReportState(String agencyCode, String regionCode, int year, int version, long revision,
                          ReportStatus status, String format, Instant receivedAt, LocalDate deadline,
                          boolean onTime, Map<String, BigDecimal> cells, List<Finding> findings,
                          String reviewComment, String reviewedBy, Instant reviewedAt) {

    /** The cells as a {@link ParsedReport} (no texts), e.g. to run the cross-year rules. */
    public ParsedReport toParsedReport() {
        ReportFormat f = ReportFormat.byId(format)
                .orElseThrow(() -> new IllegalArgumentException("unknown report format " + format));
        return ParsedReport.of(f, cells);
    }
}
