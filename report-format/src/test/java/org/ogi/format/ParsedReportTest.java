package org.ogi.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ogi.format.TestReports.parseOk;
import static org.ogi.format.TestReports.pingtan2022;
import static org.ogi.format.TestReports.set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParsedReportTest {

    @Test
    void canonicalJsonIgnoresKeyOrder() {
        ObjectNode original = pingtan2022();
        ObjectNode reordered = reversed(original);
        assertNotEquals(original.toString(), reordered.toString());

        assertEquals(parseOk(original, 2022).canonicalJson(), parseOk(reordered, 2022).canonicalJson());
    }

    @Test
    void canonicalJsonComparesAmountsNumerically() {
        ObjectNode a = set(pingtan2022(), Cells.FEES_AMOUNT_2021, new BigDecimal("12.50"));
        ObjectNode b = set(pingtan2022(), Cells.FEES_AMOUNT_2021, new BigDecimal("12.5"));
        ObjectNode c = set(pingtan2022(), Cells.FEES_AMOUNT_2021, new BigDecimal("12.51"));

        String canonical = parseOk(a, 2022).canonicalJson();
        assertEquals(canonical, parseOk(b, 2022).canonicalJson());
        assertNotEquals(canonical, parseOk(c, 2022).canonicalJson());
        assertTrue(canonical.contains("\"amount10kYuan\":12.5}"), canonical);
        assertEquals(parseOk(a, 2022), parseOk(b, 2022));
    }

    @Test
    void canonicalJsonChangesWithTheText() {
        ObjectNode edited = set(pingtan2022(), "otherMatters", "无");

        assertNotEquals(parseOk(pingtan2022(), 2022).canonicalJson(), parseOk(edited, 2022).canonicalJson());
    }

    @Test
    void toJsonParsesBackToTheSameReport() throws Exception {
        ParsedReport report = parseOk(pingtan2022(), 2022);

        ObjectNode json = report.toJson(TestReports.MAPPER);
        assertEquals(report, parseOk(json, 2022));
        assertEquals(List.of("format", "overview", "activeDisclosure", "requests", "reviewAndLitigation",
                "problemsAndImprovements", "otherMatters"), fieldNames(json));
        assertEquals(pingtan2022(), TestReports.MAPPER.readTree(json.toString()), "same wire form as the published body");
    }

    @Test
    void legacyReportRoundTripsWithNullFigures() {
        ObjectNode body = TestReports.zeros(ReportFormat.LEGACY);
        set(body, "adminReviewCases", 0);
        set(body, "text", "二〇一七年政府信息公开工作年度报告");
        ParsedReport report = parseOk(body, 2017);

        ObjectNode json = report.toJson(TestReports.MAPPER);
        assertTrue(json.get("applicationsReceived").isNull());
        assertEquals(report, parseOk(json, 2017));
    }

    @Test
    void keepsCellsInFormatOrderWhateverTheInputOrder() {
        ParsedReport report = parseOk(pingtan2022(), 2022);
        List<Map.Entry<String, BigDecimal>> entries = new ArrayList<>(report.cells().entrySet());
        Collections.reverse(entries);
        Map<String, BigDecimal> shuffled = new LinkedHashMap<>();
        entries.forEach(e -> shuffled.put(e.getKey(), e.getValue()));

        ParsedReport rebuilt = ParsedReport.of(ReportFormat.F2021, shuffled);
        assertEquals(List.copyOf(report.cells().keySet()), List.copyOf(rebuilt.cells().keySet()));
    }

    @Test
    void refusesCellsOfAnotherFormat() {
        assertThrows(IllegalArgumentException.class,
                () -> ParsedReport.of(ReportFormat.F2021, Map.of("requests.other.total", BigDecimal.ONE)));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** A deep copy with every object's keys in reverse order. */
    private static ObjectNode reversed(ObjectNode node) {
        ObjectNode out = TestReports.MAPPER.createObjectNode();
        List<String> names = fieldNames(node);
        Collections.reverse(names);
        for (String name : names) {
            JsonNode child = node.get(name);
            out.set(name, child instanceof ObjectNode o ? reversed(o) : child);
        }
        return out;
    }
}
