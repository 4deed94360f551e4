package org.ogi.stack.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ogi.format.Cells;
import org.ogi.format.Finding;
import org.ogi.format.ParseResult;
import org.ogi.format.ParsedReport;
import org.ogi.format.ReportFormat;
import org.ogi.format.ReportParser;
import org.ogi.format.ReportRules;
import org.ogi.stack.demo.DemoReports.DemoReport;

class DemoReportsTest {

    private final DemoData data = DemoData.standard();
    private final DemoReports reports = new DemoReports(data.seed());

    @Test
    void everyReportAndAmendmentParsesForItsYearWithoutRuleErrors() {
        int checked = 0;
        for (DemoReport r : all()) {
            assertValid(r.body(), r);
            checked++;
            if (r.format().tabular()) {
                assertValid(reports.amendment(r), r);
                checked++;
            }
        }
        assertTrue(checked > 2000, "only " + checked + " reports checked");
    }

    @Test
    void eachYearUsesTheFormatTheRegulationRequires() {
        for (DemoReport r : all()) {
            String expected = r.year() <= 2018 ? "legacy" : r.year() <= 2020 ? "2019" : "2021";
            assertEquals(expected, r.body().get("format").asText(), r.agency().name() + " " + r.year());
        }
    }

    @Test
    void crossYearWarningsAppearExactlyWhereSlipsWerePlanted() {
        int pairs = 0;
        int slips = 0;
        for (DemoAgency agency : data.agencies()) {
            List<DemoReport> series = reports.series(agency);
            for (int i = 1; i < series.size(); i++) {
                DemoReport now = series.get(i);
                List<Finding> warnings = ReportRules.warnings(parse(now.body(), now.year()),
                        Optional.of(parse(series.get(i - 1).body(), series.get(i - 1).year())));
                boolean planted = now.r6Slip() || now.r7Slip();
                assertEquals(planted, !warnings.isEmpty(), agency.name() + " " + now.year() + ": " + warnings);
                if (now.r6Slip()) {
                    assertTrue(warnings.stream().anyMatch(w -> w.rule().equals("R6")), warnings.toString());
                }
                if (now.r7Slip()) {
                    assertTrue(warnings.stream().anyMatch(w -> w.rule().equals("R7")), warnings.toString());
                }
                if (now.format().tabular() && series.get(i - 1).format().tabular()) {
                    pairs++;
                    slips += planted ? 1 : 0;
                }
            }
        }
        assertTrue(slips >= 3, "too few deliberate warnings: " + slips);
        assertTrue(slips < pairs / 10, slips + " warnings in " + pairs + " year pairs is not 'a few'");
    }

    @Test
    void sameSeedGivesIdenticalReportsAndAnotherSeedDifferentOnes() {
        DemoReports again = new DemoReports(data.seed());
        DemoAgency sample = data.byName("随州市工商局").orElseThrow();
        for (DemoAgency agency : data.agencies()) {
            List<DemoReport> a = reports.series(agency);
            List<DemoReport> b = again.series(agency);
            assertEquals(a.size(), b.size());
            for (int i = 0; i < a.size(); i++) {
                assertEquals(a.get(i).body().toString(), b.get(i).body().toString(), agency.name() + " " + a.get(i).year());
            }
        }
        assertNotEquals(reports.series(sample).get(5).body().toString(),
                new DemoReports(data.seed() + 1).series(sample).get(5).body().toString());
    }

    @Test
    void amendmentChangesNumbersButKeepsWhatNextYearDependsOn() {
        DemoReport r = reports.series(data.byName("随州市人民政府").orElseThrow()).stream()
                .filter(x -> x.year() == 2022).findFirst().orElseThrow();
        ObjectNode amended = reports.amendment(r);
        assertNotEquals(r.body(), amended);
        JsonNode before = r.body().get(Cells.REQUESTS);
        JsonNode after = amended.get(Cells.REQUESTS);
        assertEquals(before.get(Cells.CARRIED_FORWARD), after.get(Cells.CARRIED_FORWARD));
        assertEquals(before.get(Cells.TOTAL_HANDLED), after.get(Cells.TOTAL_HANDLED));
        assertNotEquals(r.body().get(Cells.ACTIVE_DISCLOSURE).get("licensing"),
                amended.get(Cells.ACTIVE_DISCLOSURE).get("licensing"));
    }

    @Test
    void mostAgenciesReceiveFewRequestsAndAFewReceiveMany() {
        List<Integer> received = new ArrayList<>();
        for (DemoReport r : all()) {
            if (r.format() == ReportFormat.F2021) {
                received.add(r.body().get(Cells.REQUESTS).get(Cells.NEW).get(Cells.TOTAL).asInt());
            }
        }
        long small = received.stream().filter(n -> n <= 30).count();
        assertTrue(small > received.size() * 0.6, small + " of " + received.size() + " small");
        assertTrue(received.stream().anyMatch(n -> n > 200), "no large agency");
    }

    @Test
    void agenciesFileOnlyForYearsTheyExisted() {
        assertEquals(List.of(2017, 2018), years("株洲县人民政府"));
        assertEquals(2018, years("渌口区人民政府").get(0));
        assertEquals(List.of(2017, 2018, 2019), years("广德县人民政府"));
        DemoAgency mid2022 = data.agencies().stream().filter(a -> DemoData.MID_2022.equals(a.validFrom()))
                .findFirst().orElseThrow();
        assertEquals(List.of(2022, 2023, 2024, 2025), years(mid2022.name()));
        assertEquals(9, years("随州市人民政府").size());
    }

    @Test
    void narrativeStatesTheTableFigures() {
        DemoReport r = reports.series(data.byName("沈阳市人民政府").orElseThrow()).get(6);
        String overview = r.body().get("overview").asText();
        int received = r.body().get(Cells.REQUESTS).get(Cells.NEW).get(Cells.TOTAL).asInt();
        assertTrue(overview.contains("本年新收政府信息公开申请" + received + "件"), overview);
        assertTrue(r.body().get("otherMatters").asText().contains("信息处理费"));
    }

    private List<Integer> years(String agencyName) {
        return reports.series(data.byName(agencyName).orElseThrow()).stream().map(DemoReport::year).toList();
    }

    private List<DemoReport> all() {
        List<DemoReport> all = new ArrayList<>();
        data.agencies().forEach(a -> all.addAll(reports.series(a)));
        return all;
    }

    private static void assertValid(JsonNode body, DemoReport r) {
        ParseResult parsed = ReportParser.parse(body, r.year());
        assertEquals(List.of(), parsed.errors(), r.agency().name() + " " + r.year());
        assertEquals(List.of(), ReportRules.errors(parsed.report().orElseThrow()), r.agency().name() + " " + r.year());
    }

    private static ParsedReport parse(JsonNode body, int year) {
        return ReportParser.parse(body, year).report().orElseThrow();
    }
}
