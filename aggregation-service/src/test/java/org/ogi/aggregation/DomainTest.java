package org.ogi.aggregation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ogi.aggregation.domain.CellSums;
import org.ogi.aggregation.domain.Compliance;
import org.ogi.aggregation.domain.Indicators;
import org.ogi.aggregation.domain.RegionChain;

/** The pure parts: region chains, exact sums, indicators. */
class DomainTest {

    @Test
    void aCountyRollsUpThroughItsPrefectureAndProvinceToTheNationEvenWhenItsCodeIsRetired() {
        assertEquals(List.of("430221", "430200", "430000", "000000"), RegionChain.selfAndAncestors("430221"));
        assertEquals(List.of("429004", "429000", "420000", "000000"), RegionChain.selfAndAncestors("429004"));
        assertEquals(List.of("000000"), RegionChain.selfAndAncestors("000000"));
        assertEquals(Optional.of("430200"), RegionChain.childTowards("430000", "430221"));
        assertEquals(Optional.of("430000"), RegionChain.childTowards("000000", "430221"));
        assertEquals(Optional.empty(), RegionChain.childTowards("430200", "430200"));
        assertEquals(Optional.empty(), RegionChain.childTowards("420000", "430221"));
    }

    @Test
    void subtractingWhatWasAddedGivesBackExactlyZeroEvenForFeeAmounts() {
        CellSums sums = new CellSums();
        Map<String, BigDecimal> report = Map.of("activeDisclosure.fees.amount10kYuan", new BigDecimal("0.10"));
        for (int i = 0; i < 3; i++) {
            sums.add(report);
        }
        assertEquals(new BigDecimal("0.30"), sums.get("activeDisclosure.fees.amount10kYuan"));
        for (int i = 0; i < 3; i++) {
            sums.subtract(report);
        }
        assertEquals(0, sums.get("activeDisclosure.fees.amount10kYuan").signum());
        assertEquals(new BigDecimal("13"), CellSums.normalize(new BigDecimal("13.00")));
        assertEquals("100", CellSums.normalize(new BigDecimal("1E+2")).toPlainString());
    }

    @Test
    void aRateWhoseDenominatorIsZeroIsNullNotZero() {
        Indicators none = Indicators.of(2022, new CellSums(), Compliance.NONE);
        assertNull(none.disclosureRate());
        assertNull(none.refusalRate());
        assertNull(none.reviewCorrectionRate());
        assertNull(none.litigationCorrectionRate());
        assertNull(none.requestsPerAgency());
        assertNull(none.onTimeRate());
        assertNull(none.filingRate());
    }

    @Test
    void ratesAreComputedFromTheSumsAndPendingCasesAreNotDecided() {
        CellSums sums = new CellSums();
        sums.add(Map.of("requests.totalHandled.total", BigDecimal.valueOf(8),
                "requests.granted.total", BigDecimal.valueOf(3), "requests.partlyGranted.total", BigDecimal.ONE,
                "reviewAndLitigation.litigationDirect.corrected", BigDecimal.ONE,
                "reviewAndLitigation.litigationAfterReview.upheld", BigDecimal.valueOf(2),
                "reviewAndLitigation.litigationAfterReview.pending", BigDecimal.valueOf(9)));
        Indicators rates = Indicators.of(2022, sums, new Compliance(2, 2, 1, 1, 0, 0, 0));
        assertEquals(new BigDecimal("0.5000"), rates.disclosureRate());
        assertEquals(new BigDecimal("0.3333"), rates.litigationCorrectionRate());
        assertEquals(new BigDecimal("0.0000"), rates.refusalRate());
        assertEquals(new BigDecimal("1.0000"), rates.filingRate());
    }
}
