package org.ogi.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReportFormatTest {

    @Test
    void cellCountsMatchTheNationalTables() {
        assertEquals(200, ReportFormat.F2021.cells().size());
        assertEquals(198, ReportFormat.F2019.cells().size());
        assertEquals(5, ReportFormat.LEGACY.cells().size());
    }

    @Test
    void cellKeysAreUniqueAndLabelledInChinese() {
        for (ReportFormat f : ReportFormat.values()) {
            HashSet<String> keys = new HashSet<>();
            for (CellDef def : f.cells()) {
                assertTrue(keys.add(def.key()), "duplicate key " + def.key());
                assertTrue(def.label().codePoints().anyMatch(c -> Character.UnicodeScript.of(c)
                        == Character.UnicodeScript.HAN), "label of " + def.key() + ": " + def.label());
                assertTrue(!def.label().contains("null"), def.label());
            }
        }
    }

    @Test
    void requiredFormatFollowsTheYear() {
        assertEquals(ReportFormat.LEGACY, ReportFormat.requiredFor(2008));
        assertEquals(ReportFormat.LEGACY, ReportFormat.requiredFor(2018));
        assertEquals(ReportFormat.F2019, ReportFormat.requiredFor(2019));
        assertEquals(ReportFormat.F2019, ReportFormat.requiredFor(2020));
        assertEquals(ReportFormat.F2021, ReportFormat.requiredFor(2021));
        assertEquals(ReportFormat.F2021, ReportFormat.requiredFor(2030));
        assertThrows(IllegalArgumentException.class, () -> ReportFormat.requiredFor(2007));
    }

    @Test
    void formatsAreFoundByTheirJsonId() {
        assertEquals(Optional.of(ReportFormat.F2019), ReportFormat.byId("2019"));
        assertEquals(Optional.of(ReportFormat.F2021), ReportFormat.byId("2021"));
        assertEquals(Optional.of(ReportFormat.LEGACY), ReportFormat.byId("legacy"));
        assertEquals(Optional.empty(), ReportFormat.byId("F2021"));
        assertEquals(Optional.empty(), ReportFormat.byId(null));
    }

    @Test
    void cellsAreLookedUpByDottedKeyWithTheirType() {
        assertEquals(CellType.AMOUNT, ReportFormat.F2021.cell("activeDisclosure.fees.amount10kYuan").orElseThrow().type());
        assertEquals(CellType.SIGNED_COUNT, ReportFormat.F2019.cell("activeDisclosure.licensing.change").orElseThrow().type());
        assertEquals(CellType.AMOUNT, ReportFormat.F2019.cell("activeDisclosure.procurement.amount").orElseThrow().type());
        assertEquals(CellType.COUNT, ReportFormat.F2021.cell("reviewAndLitigation.adminReview.upheld").orElseThrow().type());
        assertEquals("第三部分·一、本年新收政府信息公开申请数量·自然人",
                ReportFormat.F2021.cell("requests.new.naturalPerson").orElseThrow().label());
        assertTrue(ReportFormat.F2021.cell("requests.other.total").isEmpty());
        assertTrue(ReportFormat.F2019.cell("requests.other.total").isPresent());
        assertTrue(ReportFormat.F2019.cell("requests.otherOther.total").isEmpty());
    }

    @Test
    void requestRowsFollowTheTableOrder() {
        assertEquals(25, Cells.REQUEST_ROWS_2021.size());
        assertEquals(23, Cells.REQUEST_ROWS_2019.size());
        assertEquals(21, Cells.OUTCOME_ROWS_2021.size());
        assertEquals(List.of("new", "carriedOver", "granted"), Cells.REQUEST_ROWS_2021.subList(0, 3));
        assertEquals(List.of("otherNoCorrection", "otherFeeUnpaid", "otherOther", "totalHandled", "carriedForward"),
                Cells.REQUEST_ROWS_2021.subList(20, 25));
        assertEquals("requests.totalHandled.naturalPerson", ReportFormat.F2021.cells().get(10 + 23 * 7).key());
    }

    @Test
    void textFieldsDependOnTheFormat() {
        assertEquals(List.of("overview", "problemsAndImprovements", "otherMatters"), ReportFormat.F2021.textFields());
        assertEquals(List.of("overview", "problemsAndImprovements", "otherMatters"), ReportFormat.F2019.textFields());
        assertEquals(List.of("text"), ReportFormat.LEGACY.textFields());
    }
}
