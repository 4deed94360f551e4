package org.ogi.aggregation.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import org.ogi.format.Cells;
import org.ogi.format.ReportFormat;

/**
 * Ratios derived on read from the exact sums, so they can never drift from them. Each is null when its denominator is
 * zero (nothing handled, nobody filed): "no basis for a rate" is not the same statement as a rate of 0.
 *
 * @param disclosureRate           (granted + partly granted) / total handled, 三 rows （一）+（二） over （七）, total column
 * @param refusalRate              the eight refusal rows of 三（三） / total handled
 * @param reviewCorrectionRate     corrected / (upheld + corrected + other) of administrative review (pending excluded)
 * @param litigationCorrectionRate the same over both litigation groups together
 * @param requestsPerAgency        new requests / filed reports (2008–2018: the legacy figure applicationsReceived,
 *                                 which some old reports leave unstated, so it is a lower bound)
 * @param onTimeRate               filed on time / filed
 * @param filingRate               obliged agencies that filed / obliged agencies (never above 1)
 */
public record Indicators(BigDecimal disclosureRate, BigDecimal refusalRate, BigDecimal reviewCorrectionRate,
                         BigDecimal litigationCorrectionRate, BigDecimal requestsPerAgency, BigDecimal onTimeRate,
                         BigDecimal filingRate) {

    static final int SCALE = 4;

    public static Indicators of(int year, CellSums sums, Compliance compliance) {
        BigDecimal handled = sums.get(Cells.request(Cells.TOTAL_HANDLED, Cells.TOTAL));
        BigDecimal disclosed = sums.get(Cells.request(Cells.GRANTED, Cells.TOTAL))
                .add(sums.get(Cells.request(Cells.PARTLY_GRANTED, Cells.TOTAL)));
        BigDecimal refused = BigDecimal.ZERO;
        for (String row : Cells.REFUSED_ROWS) {
            refused = refused.add(sums.get(Cells.request(row, Cells.TOTAL)));
        }
        BigDecimal requests = ReportFormat.requiredFor(year).tabular()
                ? sums.get(Cells.request(Cells.NEW, Cells.TOTAL))
                : sums.get(Cells.LEGACY_APPLICATIONS);
        BigDecimal filed = BigDecimal.valueOf(compliance.filed());
        return new Indicators(
                ratio(disclosed, handled),
                ratio(refused, handled),
                correctionRate(sums, List.of(Cells.ADMIN_REVIEW)),
                correctionRate(sums, List.of("litigationDirect", "litigationAfterReview")),
                ratio(requests, filed),
                ratio(BigDecimal.valueOf(compliance.onTime()), filed),
                ratio(BigDecimal.valueOf(compliance.filedAsExpected()), BigDecimal.valueOf(compliance.expected())));
    }

    /** corrected / (upheld + corrected + other) summed over {@code groups}; pending cases have no result yet. */
    static BigDecimal correctionRate(CellSums sums, List<String> groups) {
        BigDecimal corrected = BigDecimal.ZERO;
        BigDecimal decided = BigDecimal.ZERO;
        for (String group : groups) {
            BigDecimal c = sums.get(Cells.review(group, Cells.CORRECTED));
            corrected = corrected.add(c);
            decided = decided.add(c).add(sums.get(Cells.review(group, Cells.UPHELD)))
                    .add(sums.get(Cells.review(group, "other")));
        }
        return ratio(corrected, decided);
    }

    /** numerator / denominator to four decimals, or null when the denominator is zero. */
    public static BigDecimal ratio(BigDecimal numerator, BigDecimal denominator) {
        if (denominator.signum() == 0) {
            return null;
        }
        return numerator.divide(denominator, SCALE, RoundingMode.HALF_EVEN);
    }
}
