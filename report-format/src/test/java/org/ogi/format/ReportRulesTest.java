package org.ogi.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ogi.format.TestReports.parseOk;
import static org.ogi.format.TestReports.pingtan2022;
import static org.ogi.format.TestReports.row;
import static org.ogi.format.TestReports.set;
import static org.ogi.format.TestReports.zeros;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReportRulesTest {

    @Test
    void shanghai2019TotalsSatisfyR1() {
        ParsedReport report = parseOk(TestReports.shanghai2019(), 2019);

        assertEquals(List.of(), ReportRules.errors(report));
        assertEquals(877, report.value("requests.new.total").add(report.value("requests.carriedOver.total")).intValue());
    }

    @Test
    void r1FailsWhenIncomingDoesNotEqualHandledPlusCarriedForward() {
        ObjectNode body = zeros(ReportFormat.F2021);
        row(body, Cells.NEW, 38, 0);
        row(body, Cells.CARRIED_OVER, 2, 0);
        row(body, Cells.GRANTED, 39, 0);
        row(body, Cells.TOTAL_HANDLED, 39, 0);

        List<Finding> errors = ReportRules.errors(parseOk(body, 2021));
        assertEquals(List.of(
                new Finding("R1", Severity.ERROR, "requests.totalHandled.naturalPerson",
                        "第三部分“自然人”列：第一项加第二项之和(40)不等于第三项加第四项之和(39)"),
                new Finding("R1", Severity.ERROR, "requests.totalHandled.total",
                        "第三部分“总计”列：第一项加第二项之和(40)不等于第三项加第四项之和(39)")), errors);
    }

    @Test
    void r1PassesWhenTheDifferenceIsCarriedForward() {
        ObjectNode body = zeros(ReportFormat.F2021);
        row(body, Cells.NEW, 38, 0);
        row(body, Cells.CARRIED_OVER, 2, 0);
        row(body, Cells.GRANTED, 39, 0);
        row(body, Cells.TOTAL_HANDLED, 39, 0);
        row(body, Cells.CARRIED_FORWARD, 1, 0);

        assertEquals(List.of(), ReportRules.errors(parseOk(body, 2021)));
    }

    @Test
    void r2FailsWhenTotalHandledIsNotTheSumOfOutcomes() {
        ObjectNode body = zeros(ReportFormat.F2021);
        row(body, Cells.NEW, 0, 5);
        row(body, Cells.GRANTED, 0, 3);
        row(body, "otherFeeUnpaid", 0, 1);
        row(body, Cells.TOTAL_HANDLED, 0, 5);

        List<Finding> errors = ReportRules.errors(parseOk(body, 2021));
        assertEquals(List.of(
                new Finding("R2", Severity.ERROR, "requests.totalHandled.business",
                        "第三部分“商业企业”列：第三项（七）总计(5)不等于（一）至（六）各项之和(4)"),
                new Finding("R2", Severity.ERROR, "requests.totalHandled.total",
                        "第三部分“总计”列：第三项（七）总计(5)不等于（一）至（六）各项之和(4)")), errors);
    }

    @Test
    void r2CountsEveryOutcomeRowIncludingTheOtherHandlingOnes() {
        ObjectNode body = zeros(ReportFormat.F2021);
        row(body, Cells.NEW, 0, 5);
        row(body, Cells.GRANTED, 0, 3);
        row(body, "otherFeeUnpaid", 0, 1);
        row(body, "refusedInquiryMatters", 0, 1);
        row(body, Cells.TOTAL_HANDLED, 0, 5);

        assertEquals(List.of(), ReportRules.errors(parseOk(body, 2021)));
    }

    @Test
    void r3FailsWhenARowTotalIsNotTheSumOfApplicants() {
        ObjectNode body = set(TestReports.shanghai2019(), "requests.partlyGranted.total", 56);
        set(body, "requests.totalHandled.total", 806);
        set(body, "requests.new.total", 860);

        List<Finding> errors = ReportRules.errors(parseOk(body, 2019));
        assertEquals(List.of(
                new Finding("R3", Severity.ERROR, "requests.new.total",
                        "第三部分“一、本年新收政府信息公开申请数量”行：总计(860)不等于六类申请人之和(859)"),
                new Finding("R3", Severity.ERROR, "requests.partlyGranted.total",
                        "第三部分“三（二）部分公开”行：总计(56)不等于六类申请人之和(55)"),
                new Finding("R3", Severity.ERROR, "requests.totalHandled.total",
                        "第三部分“三（七）总计”行：总计(806)不等于六类申请人之和(805)")), errors);
    }

    @Test
    void r4FailsWhenAGroupTotalIsNotTheSumOfResults() {
        ObjectNode body = set(pingtan2022(), "reviewAndLitigation.litigationDirect.total", 2);

        List<Finding> errors = ReportRules.errors(parseOk(body, 2022));
        assertEquals(List.of(new Finding("R4", Severity.ERROR, "reviewAndLitigation.litigationDirect.total",
                "第四部分“行政诉讼（未经复议直接起诉）”：总计(2)不等于结果维持、结果纠正、其他结果、尚未审结之和(1)")), errors);
    }

    @Test
    void r4PassesWhenPendingCasesAreCounted() {
        ObjectNode body = set(pingtan2022(), "reviewAndLitigation.litigationDirect.total", 2);
        set(body, "reviewAndLitigation.litigationDirect.pending", 1);

        assertEquals(List.of(), ReportRules.errors(parseOk(body, 2022)));
    }

    @Test
    void legacyReportsHaveNoArithmeticRules() {
        ParsedReport legacy = parseOk(set(zeros(ReportFormat.LEGACY), "applicationsReceived", 42), 2016);

        assertEquals(List.of(), ReportRules.errors(legacy));
        assertEquals(List.of(), ReportRules.warnings(legacy, Optional.of(legacy)));
    }

    @Test
    void r6WarnsWhenCarriedOverDiffersFromLastYearsCarriedForward() {
        ParsedReport previous = parseOk(set(set(zeros(ReportFormat.F2021), "requests.carriedForward.naturalPerson", 2),
                "requests.carriedForward.total", 2), 2021);
        ParsedReport current = parseOk(pingtan2022(), 2022);

        assertEquals(List.of(
                new Finding("R6", Severity.WARNING, "requests.carriedOver.naturalPerson",
                        "第三部分“自然人”列：本年“二、上年结转”(1)不等于上年报告“四、结转下年度继续办理”(2)"),
                new Finding("R6", Severity.WARNING, "requests.carriedOver.total",
                        "第三部分“总计”列：本年“二、上年结转”(1)不等于上年报告“四、结转下年度继续办理”(2)")),
                rulesOf(ReportRules.warnings(current, Optional.of(previous)), "R6"));
    }

    @Test
    void r6HoldsAcrossThe2019To2021FormatChange() {
        ObjectNode body2020 = TestReports.shanghai2019();
        ParsedReport previous = parseOk(body2020, 2020);
        ObjectNode body2021 = zeros(ReportFormat.F2021);
        row(body2021, Cells.CARRIED_OVER, 68, 4);
        row(body2021, Cells.GRANTED, 68, 4);
        row(body2021, Cells.TOTAL_HANDLED, 68, 4);

        assertEquals(List.of(), ReportRules.warnings(parseOk(body2021, 2021), Optional.of(previous)));
        set(body2021, "requests.carriedOver.business", 5);
        set(body2021, "requests.carriedOver.total", 73);
        assertEquals(List.of("requests.carriedOver.business", "requests.carriedOver.total"),
                ReportRules.warnings(parseOk(body2021, 2021), Optional.of(previous)).stream().map(Finding::cell).toList());
    }

    @Test
    void r7WarnsWhenDocumentsInForceDoNotFollowFromLastYear() {
        ObjectNode previous = set(zeros(ReportFormat.F2021), "activeDisclosure.normativeDocuments.inForce", 660);
        set(previous, "requests.carriedForward.naturalPerson", 1);
        set(previous, "requests.carriedForward.total", 1);

        List<Finding> warnings = ReportRules.warnings(parseOk(pingtan2022(), 2022), Optional.of(parseOk(previous, 2021)));
        assertEquals(List.of(new Finding("R7", Severity.WARNING, "activeDisclosure.normativeDocuments.inForce",
                "第二部分“行政规范性文件”：现行有效件数(698)不等于上年现行有效件数(660)加本年制发件数(88)减本年废止件数(55)，即693")),
                warnings);
    }

    @Test
    void r7PassesWhenInForceAddsUp() {
        ObjectNode previous = set(zeros(ReportFormat.F2021), "activeDisclosure.normativeDocuments.inForce", 665);
        set(previous, "requests.carriedForward.naturalPerson", 1);
        set(previous, "requests.carriedForward.total", 1);

        assertEquals(List.of(), ReportRules.warnings(parseOk(pingtan2022(), 2022), Optional.of(parseOk(previous, 2021))));
    }

    @Test
    void r7IsSkippedWhenLastYearUsedThe2019Format() {
        ObjectNode previous = zeros(ReportFormat.F2019);
        set(previous, "requests.carriedForward.naturalPerson", 1);
        set(previous, "requests.carriedForward.total", 1);

        assertEquals(List.of(), ReportRules.warnings(parseOk(pingtan2022(), 2022), Optional.of(parseOk(previous, 2020))));
    }

    @Test
    void crossYearRulesAreSkippedWithoutLastYearsReport() {
        ObjectNode body = set(pingtan2022(), "requests.carriedOver.naturalPerson", 1);

        assertEquals(List.of(), ReportRules.warnings(parseOk(body, 2022), Optional.empty()));
    }

    @Test
    void crossYearRulesWorkOnCellsRebuiltFromAnEvent() {
        ParsedReport previous = parseOk(set(zeros(ReportFormat.F2021), "activeDisclosure.rules.inForce", 3), 2021);
        ReportState state = new ReportState("11500000009275780L", "500000", 2021, 1, 1, ReportStatus.ACCEPTED,
                "2021", Instant.parse("2022-01-20T02:00:00Z"), LocalDate.of(2022, 3, 31), true,
                previous.cells(), List.of(), null, null, null);

        List<Finding> warnings = ReportRules.warnings(parseOk(pingtan2022(), 2022), Optional.of(state.toParsedReport()));
        assertTrue(rulesOf(warnings, "R7").stream().anyMatch(f -> f.cell().equals("activeDisclosure.rules.inForce")),
                warnings.toString());
    }

    private static List<Finding> rulesOf(List<Finding> findings, String rule) {
        return findings.stream().filter(f -> f.rule().equals(rule)).toList();
    }
}
