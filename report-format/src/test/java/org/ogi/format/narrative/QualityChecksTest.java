package org.ogi.format.narrative;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ogi.format.CellDef;
import org.ogi.format.Cells;
import org.ogi.format.Finding;
import org.ogi.format.ParsedReport;
import org.ogi.format.ReportFormat;

class QualityChecksTest {

    private static ParsedReport tabular(String overview, String problems, String other) {
        Map<String, BigDecimal> cells = new HashMap<>();
        for (CellDef def : ReportFormat.F2021.cells()) {
            cells.put(def.key(), BigDecimal.ZERO);
        }
        cells.put(Cells.request(Cells.NEW, Cells.TOTAL), BigDecimal.valueOf(40));
        cells.put(Cells.review(Cells.ADMIN_REVIEW, Cells.TOTAL), BigDecimal.ONE);
        Map<String, String> texts = new HashMap<>();
        if (overview != null) {
            texts.put("overview", overview);
        }
        if (problems != null) {
            texts.put("problemsAndImprovements", problems);
        }
        if (other != null) {
            texts.put("otherMatters", other);
        }
        return new ParsedReport(ReportFormat.F2021, cells, texts);
    }

    private static List<String> rules(List<Finding> findings) {
        return findings.stream().map(Finding::rule).toList();
    }

    @Test
    void narrativeCountContradictingTheTableIsAnR8WarningWithBothNumbers() {
        ParsedReport r = tabular("2022年，本机关共收到政府信息公开申请四十二件，发生行政复议1件。", "存在问题。", "未收取信息处理费。");
        List<Finding> w = QualityChecks.warnings(r, 2022);
        Finding r8 = w.stream().filter(f -> f.rule().equals("R8")).findFirst().orElseThrow();
        assertEquals("requests.new.total", r8.cell());
        assertTrue(r8.message().contains("42") && r8.message().contains("40"), r8.message());
        assertEquals(1, rules(w).stream().filter("R8"::equals).count(), w.toString());
    }

    @Test
    void consistentNarrativeGivesNoWarning() {
        ParsedReport r = tabular("2022年，本机关共收到政府信息公开申请40件，发生行政复议1件，未发生行政诉讼。", "存在问题。", "无。");
        assertEquals(List.of(), QualityChecks.warnings(r, 2022));
    }

    @Test
    void blankNarrativeSectionOfATableFormatIsAnError() {
        List<Finding> errors = QualityChecks.errors(tabular("总体情况。", " ", null), 2022);
        assertEquals(List.of("problemsAndImprovements", "otherMatters"), errors.stream().map(Finding::cell).toList());
        assertEquals(List.of("MISSING_SECTION", "MISSING_SECTION"), rules(errors));
    }

    @Test
    void titleOfAnotherYearOrDocumentTypeIsAWarning() {
        ParsedReport r = tabular("某县财政局2020年政府信息公开工作报告\n2020年，本局认真贯彻条例。", "存在问题。", "无。");
        List<String> w = rules(QualityChecks.warnings(r, 2021));
        assertTrue(w.contains("WRONG_YEAR"), w.toString());
        assertTrue(w.contains("WRONG_DOCUMENT_TYPE"), w.toString());
    }

    @Test
    void legacyWorkPlanOrWrongYearIsRefused() {
        ParsedReport plan = new ParsedReport(ReportFormat.LEGACY, Map.of(),
                Map.of("text", "某市工商局2017年政务公开工作实施方案\n结合工作实际，制定本方案。"));
        assertEquals(List.of("WRONG_DOCUMENT_TYPE"), rules(QualityChecks.errors(plan, 2017)));
        ParsedReport other = new ParsedReport(ReportFormat.LEGACY, Map.of(),
                Map.of("text", "某市工商局2016年度政府信息公开工作年度报告\n现将本局2016年度政府信息公开工作情况报告如下。"));
        assertEquals(List.of("WRONG_YEAR"), rules(QualityChecks.errors(other, 2017)));
    }

    @Test
    void legacyFiguresContradictingTheTextAreR8() {
        Map<String, BigDecimal> cells = new HashMap<>();
        cells.put(Cells.LEGACY_APPLICATIONS, BigDecimal.valueOf(40));
        cells.put(Cells.LEGACY_PROACTIVE_ITEMS, BigDecimal.valueOf(850));
        ParsedReport r = new ParsedReport(ReportFormat.LEGACY, cells, Map.of("text",
                "某局2016年度政府信息公开工作年度报告\n全年主动公开政府信息800余条。共收到政府信息公开申请42件。"));
        List<Finding> r8 = QualityChecks.warnings(r, 2016).stream().filter(f -> f.rule().equals("R8")).toList();
        assertEquals(List.of(Cells.LEGACY_APPLICATIONS), r8.stream().map(Finding::cell).toList(), r8.toString());
    }
}
