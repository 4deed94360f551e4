package org.ogi.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ogi.format.TestReports.parseOk;
import static org.ogi.format.TestReports.pingtan2022;
import static org.ogi.format.TestReports.remove;
import static org.ogi.format.TestReports.set;
import static org.ogi.format.TestReports.zeros;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportParserTest {

    @Test
    void parsesThePublishedPingtan2022ReportWithoutErrors() {
        ParsedReport report = parseOk(pingtan2022(), 2022);

        assertEquals(ReportFormat.F2021, report.format());
        assertEquals(200, report.cells().size());
        assertEquals(new BigDecimal("74"), report.value("requests.new.total"));
        assertEquals(new BigDecimal("9116.36"), report.value("activeDisclosure.fees.amount10kYuan"));
        assertEquals(new BigDecimal("698"), report.value("activeDisclosure.normativeDocuments.inForce"));
        assertEquals(List.of("overview", "problemsAndImprovements", "otherMatters"), List.copyOf(report.texts().keySet()));
        assertEquals(List.of(), ReportRules.errors(report));
    }

    @Test
    void rejectsAFormatThatDoesNotFitTheYear() {
        ParseResult result = ReportParser.parse(zeros(ReportFormat.F2021), 2020);

        assertTrue(result.report().isEmpty());
        assertEquals(List.of(new Finding("FORMAT", Severity.ERROR, "format", "2020年度报告应使用2019版格式，收到的是2021版")),
                result.errors());
    }

    @Test
    void rejectsATableFormatForALegacyYear() {
        ParseResult result = ReportParser.parse(zeros(ReportFormat.F2019), 2018);

        assertEquals(1, result.errors().size());
        assertTrue(result.errors().get(0).message().startsWith("2018年度报告应使用旧版"), result.errors().toString());
    }

    @Test
    void rejectsAMissingOrUnknownFormat() {
        ObjectNode missing = remove(zeros(ReportFormat.F2021), "format");
        ObjectNode unknown = set(zeros(ReportFormat.F2021), "format", "2022");

        assertEquals("format", single(ReportParser.parse(missing, 2022)).cell());
        Finding f = single(ReportParser.parse(unknown, 2022));
        assertEquals("FORMAT", f.rule());
        assertTrue(f.message().contains("“2022”"), f.message());
    }

    @Test
    void rejectsABodyThatIsNotAnObject() {
        Finding f = single(ReportParser.parse(TestReports.MAPPER.createArrayNode(), 2022));
        assertEquals("FORMAT", f.rule());
        assertNull(f.cell());
    }

    @Test
    void rejectsYearsBeforeTheRegulation() {
        ParseResult result = ReportParser.parse(zeros(ReportFormat.LEGACY), 2007);
        assertEquals("FORMAT", single(result).rule());
    }

    @Test
    void reportsAMissingCellByItsDottedPath() {
        ObjectNode body = remove(pingtan2022(), "requests.new.business");

        Finding f = single(ReportParser.parse(body, 2022));
        assertEquals(new Finding("FORMAT", Severity.ERROR, "requests.new.business",
                "缺少“第三部分·一、本年新收政府信息公开申请数量·商业企业”（requests.new.business）的数值"), f);
    }

    @Test
    void reportsAMissingSectionOnce() {
        ObjectNode body = pingtan2022();
        body.remove("reviewAndLitigation");

        Finding f = single(ReportParser.parse(body, 2022));
        assertEquals(new Finding("FORMAT", Severity.ERROR, "reviewAndLitigation",
                "缺少第四部分“政府信息公开行政复议、行政诉讼情况”（reviewAndLitigation）"), f);
    }

    @Test
    void reportsARowThatIsNotAnObject() {
        ObjectNode body = set(pingtan2022(), "requests.carriedForward", 0);

        Finding f = single(ReportParser.parse(body, 2022));
        assertEquals(new Finding("FORMAT", Severity.ERROR, "requests.carriedForward",
                "第三部分“四、结转下年度继续办理”行（requests.carriedForward）应为JSON对象，收到的是0"), f);
    }

    @Test
    void rejectsUnknownKeysAtEveryLevel() {
        ObjectNode body = set(pingtan2022(), "requests.new.foreigners", 1);
        set(body, "requests.other.total", 0);
        set(body, "agencyName", "平潭");

        ParseResult result = ReportParser.parse(body, 2022);
        assertEquals(List.of("agencyName", "requests.other", "requests.new.foreigners"),
                result.errors().stream().map(Finding::cell).toList());
        assertTrue(result.errors().stream().allMatch(e -> e.rule().equals("FORMAT")));
    }

    @Test
    void rejectsANegativeCountUnderR5() {
        ObjectNode body = set(zeros(ReportFormat.F2021), "requests.granted.research", -3);

        Finding f = single(ReportParser.parse(body, 2021));
        assertEquals("R5", f.rule());
        assertEquals("requests.granted.research", f.cell());
        assertTrue(f.message().contains("不能为负数") && f.message().contains("-3"), f.message());
    }

    @Test
    void rejectsAFractionalCountUnderR5() {
        ObjectNode body = set(zeros(ReportFormat.F2021), "activeDisclosure.licensing.decisions", new BigDecimal("2.5"));

        Finding f = single(ReportParser.parse(body, 2021));
        assertEquals("R5", f.rule());
        assertTrue(f.message().contains("应为整数") && f.message().contains("2.5"), f.message());
    }

    @Test
    void acceptsAnIntegralCountWrittenWithADecimalPoint() {
        ObjectNode body = set(zeros(ReportFormat.F2021), "activeDisclosure.licensing.decisions", new BigDecimal("12.0"));

        assertEquals(new BigDecimal("12"), parseOk(body, 2021).value("activeDisclosure.licensing.decisions"));
    }

    @Test
    void rejectsANegativeFeeUnderR5() {
        ObjectNode body = set(zeros(ReportFormat.F2021), Cells.FEES_AMOUNT_2021, new BigDecimal("-0.5"));

        Finding f = single(ReportParser.parse(body, 2021));
        assertEquals("R5", f.rule());
        assertEquals(Cells.FEES_AMOUNT_2021, f.cell());
        assertTrue(f.message().contains("-0.5"), f.message());
    }

    @Test
    void acceptsANegativeChangeIn2019Format() {
        ObjectNode body = set(zeros(ReportFormat.F2019), "activeDisclosure.licensing.change", -4);

        assertEquals(new BigDecimal("-4"), parseOk(body, 2019).value("activeDisclosure.licensing.change"));
    }

    @Test
    void rejectsNumbersWrittenAsText() {
        ObjectNode body = set(zeros(ReportFormat.F2021), "requests.new.total", "12");

        Finding f = single(ReportParser.parse(body, 2021));
        assertEquals(new Finding("FORMAT", Severity.ERROR, "requests.new.total",
                "“第三部分·一、本年新收政府信息公开申请数量·总计”（requests.new.total）应为数字，收到的是文本“12”"), f);
    }

    @Test
    void rejectsImplausiblyLargeOrOverPreciseNumbers() {
        ObjectNode body = set(zeros(ReportFormat.F2021), "requests.new.total", new BigDecimal("1E+400"));
        set(body, Cells.FEES_AMOUNT_2021, new BigDecimal("0.0000001"));

        ParseResult result = ReportParser.parse(body, 2021);
        assertEquals(List.of(Cells.FEES_AMOUNT_2021, "requests.new.total"),
                result.errors().stream().map(Finding::cell).sorted().toList());
    }

    @Test
    void collectsEveryErrorInsteadOfStoppingAtTheFirst() {
        ObjectNode body = set(zeros(ReportFormat.F2021), "requests.new.total", -1);
        set(body, "requests.carriedOver.total", new BigDecimal("0.5"));
        remove(body, "reviewAndLitigation.adminReview.pending");
        set(body, "overview", 42);

        ParseResult result = ReportParser.parse(body, 2019);
        assertEquals(5, result.errors().size(), result.errors().toString());
        assertTrue(result.report().isEmpty());
    }

    @Test
    void textsAreOptional() {
        ParsedReport report = parseOk(zeros(ReportFormat.F2021), 2023);

        assertTrue(report.texts().isEmpty());
    }

    @Test
    void legacyFiguresMayBeNullOrAbsent() {
        ObjectNode body = zeros(ReportFormat.LEGACY);
        set(body, "proactiveItemsPublished", 1389);
        set(body, "feesCollectedYuan", new BigDecimal("120.50"));
        remove(body, "litigationCases");
        set(body, "text", "宣城市商务局2015年政府信息公开工作年度报告");

        ParsedReport report = parseOk(body, 2015);
        assertEquals(new BigDecimal("1389"), report.value("proactiveItemsPublished"));
        assertEquals(new BigDecimal("120.5"), report.value("feesCollectedYuan"));
        assertTrue(report.cells().containsKey("applicationsReceived"));
        assertNull(report.value("applicationsReceived"));
        assertNull(report.value("litigationCases"));
        assertEquals("宣城市商务局2015年政府信息公开工作年度报告", report.texts().get("text"));
        assertFalse(report.format().tabular());
    }

    private static Finding single(ParseResult result) {
        assertTrue(result.report().isEmpty());
        assertEquals(1, result.errors().size(), result.errors().toString());
        return result.errors().get(0);
    }
}
