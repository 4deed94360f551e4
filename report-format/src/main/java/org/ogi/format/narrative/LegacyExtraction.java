package org.ogi.format.narrative;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.ogi.format.Finding;

/**
 * What a careful reader takes from a free-text (pre-2019) report page. Every figure carries the sentence it
 * was read from and that sentence's offset in {@code text} (the normalised text, which is what gets filed);
 * a figure the text does not state is null.
 *
 * @param documentType ANNUAL_REPORT or NOT_ANNUAL_REPORT
 * @param kind         the finer kind (WORK_PLAN, NOTICE, COVER_LETTER, UNKNOWN) for a non-report
 * @param reason       why it is not an annual report (Chinese), null for a report
 * @param metrics      the five legacy figures by key, each null when not stated
 */
public record LegacyExtraction(String documentType, String kind, String reason, String title, String agencyName,
                               String regionCode, Integer reportYear, LocalDate signedOn, LocalDate publishedOn,
                               Map<String, Metric> metrics, List<String> sectionsPresent, List<String> missingSections,
                               List<Finding> findings, String text) {

    public static final String ANNUAL_REPORT = "ANNUAL_REPORT";
    public static final String NOT_ANNUAL_REPORT = "NOT_ANNUAL_REPORT";

    /** A stated figure: 「800余条」 is value 800, approximate. */
    public record Metric(BigDecimal value, boolean approximate, Evidence evidence) {
    }

    /** The quoted sentence and where it starts in {@link LegacyExtraction#text()}. */
    public record Evidence(String quote, int offset) {
    }

    public boolean annualReport() {
        return ANNUAL_REPORT.equals(documentType);
    }
}
