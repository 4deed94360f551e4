package org.ogi.aggregation;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ogi.aggregation.domain.Compliance;
import org.ogi.format.AgencyKind;
import org.ogi.format.AgencyState;
import org.ogi.format.ReportState;
import org.ogi.format.ReportStatus;
import org.ogi.stack.StackTestResource;

/**
 * Effective-dated compliance in 株洲 (430200; this class alone uses province 43 and the years 2017–2019): 株洲县 (430221)
 * was retired in 2018 and 渌口区 (430212) took its place; departments are created and retired mid-year; one keeps its
 * code and moves from the retired county code to the new one.
 */
@QuarkusTest
@WithTestResource(value = StackTestResource.class, initArgs = @ResourceArg(name = "database", value = "aggregation"))
class ComplianceTest {

    private static final String ZHUZHOU = "430200";
    private static final String OLD_COUNTY = "430221";
    private static final String NEW_COUNTY = "430212";
    private static final String DISTRICT = "430202";
    // 2017: A (株洲县), D, E, F obliged; 2018 and 2019: B (渌口区), C, E, F — never both A and B, never neither
    private static final Compliance YEAR_2017 = new Compliance(4, 3, 2, 1, 1, 0, 1);
    private static final Compliance YEAR_2018 = new Compliance(4, 4, 3, 1, 1, 1, 0);
    private static final Compliance YEAR_2019 = new Compliance(4, 2, 2, 0, 2, 0, 0);
    /** Codes of the scenario, filled once per JVM: A old county government, B its successor, C..F departments. */
    private static Map<String, String> codes;

    /** Produces the scenario once (whichever test runs first) and waits until its last report is visible. */
    private static synchronized Map<String, String> scenario() {
        if (codes != null) {
            return codes;
        }
        String a = Fixtures.agencyCode(OLD_COUNTY);
        String b = Fixtures.agencyCode(NEW_COUNTY);
        String c = Fixtures.agencyCode(DISTRICT);
        String d = Fixtures.agencyCode(DISTRICT);
        String e = Fixtures.agencyCode(OLD_COUNTY);
        String f = Fixtures.agencyCode(DISTRICT);
        Instant t = Instant.parse("2020-01-01T00:00:00Z");
        List<ReportState> reports = new ArrayList<>();
        try (TestEvents events = new TestEvents()) {
            events.agency(government(a, "株洲县人民政府", OLD_COUNTY, null, LocalDate.of(2018, 6, 30)), t);
            events.agency(government(b, "株洲市渌口区人民政府", NEW_COUNTY, LocalDate.of(2018, 7, 1), null), t);
            events.agency(Fixtures.agency(c, DISTRICT, LocalDate.of(2018, 5, 1), null), t);
            events.agency(Fixtures.agency(d, DISTRICT, null, LocalDate.of(2018, 3, 31)), t);
            events.agency(Fixtures.agency(e, OLD_COUNTY, null, null), t);
            events.agency(Fixtures.agency(e, NEW_COUNTY, null, null), t.plusSeconds(60)); // its county code retired
            events.agency(Fixtures.agency(f, DISTRICT, null, null), t);
            reports.add(report(a, OLD_COUNTY, 2017, 1, ReportStatus.SUBMITTED, true));
            reports.add(report(e, OLD_COUNTY, 2017, 1, ReportStatus.SUBMITTED, false));
            reports.add(report(f, DISTRICT, 2017, 2, ReportStatus.RETURNED, true));
            reports.add(report(b, NEW_COUNTY, 2018, 1, ReportStatus.SUBMITTED, true));
            reports.add(report(c, DISTRICT, 2018, 1, ReportStatus.SUBMITTED, true));
            reports.add(report(d, DISTRICT, 2018, 1, ReportStatus.SUBMITTED, false)); // retired, filed anyway
            reports.add(report(f, DISTRICT, 2018, 2, ReportStatus.ACCEPTED, true));
            reports.add(report(b, NEW_COUNTY, 2019, 1, ReportStatus.SUBMITTED, true));
            reports.add(report(c, DISTRICT, 2019, 1, ReportStatus.SUBMITTED, true));
            reports.add(report(f, DISTRICT, 2019, 1, ReportStatus.SUBMITTED, true));
            reports.add(report(f, DISTRICT, 2019, 2, ReportStatus.WITHDRAWN, true));
            reports.forEach(events::report);
            events.flush();
        }
        // every figure below depends on every event above, so once they hold the whole scenario is applied
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertEquals(YEAR_2017, compliance(2017, ZHUZHOU));
            assertEquals(YEAR_2018, compliance(2018, ZHUZHOU));
            assertEquals(YEAR_2019, compliance(2019, ZHUZHOU));
            assertEquals(new Compliance(2, 1, 1, 0, 1, 0, 0), compliance(2018, NEW_COUNTY));
        });
        codes = Map.of("A", a, "B", b, "C", c, "D", d, "E", e, "F", f);
        return codes;
    }

    @Test
    void aRetiredCountyGovernmentAndItsSuccessorCountOnceInEveryYear() {
        scenario();
        assertEquals(YEAR_2017, compliance(2017, ZHUZHOU));
        assertEquals(YEAR_2018, compliance(2018, ZHUZHOU));
        assertEquals(YEAR_2019, compliance(2019, ZHUZHOU));
        assertEquals(2, compliance(2017, OLD_COUNTY).expected(), "A, and E whose 2017 report was filed there");
        assertEquals(0, compliance(2018, OLD_COUNTY).expected(), "A retired on 30 June 2018");
        assertEquals(new Compliance(2, 1, 1, 0, 1, 0, 0), compliance(2018, NEW_COUNTY), "B filed, E did not");
    }

    @Test
    void anAgencyCreatedOrRetiredDuringTheYearIsObligedOnlyIfItExistsOn31December() {
        Map<String, String> c = scenario();
        JsonNode rows = Fixtures.get("/api/v1/statistics/2018/regions/" + ZHUZHOU + "/agencies?size=100").get("items");
        assertEquals(true, row(rows, c.get("C")).get("expected").asBoolean(), "created 1 May 2018");
        assertEquals(false, row(rows, c.get("D")).get("expected").asBoolean(), "retired 31 March 2018");
        assertEquals("SUBMITTED", row(rows, c.get("D")).get("status").asText(), "its report still counts as filed");
        assertEquals("NOT_FILED", row(rows, c.get("E")).get("status").asText());
        assertEquals(NEW_COUNTY, row(rows, c.get("E")).get("regionCode").asText(), "listed where it is now");
        assertTrue(rows.findValuesAsText("agencyCode").stream().noneMatch(c.get("A")::equals), "retired mid-2018");
        JsonNode rows2017 = Fixtures.get("/api/v1/statistics/2017/regions/" + ZHUZHOU + "/agencies").get("items");
        assertFalse(rows2017.findValuesAsText("agencyCode").contains(c.get("C")), "did not exist in 2017");
    }

    @Test
    void theFilingRateNeverExceedsOneEvenWhenARetiredAgencyFiles() {
        scenario();
        JsonNode view = Fixtures.region(2018, ZHUZHOU);
        assertEquals(4, view.at("/compliance/filed").asLong());
        assertEquals(4, view.at("/compliance/expected").asLong());
        assertEquals(0, new BigDecimal("0.75").compareTo(view.at("/indicators/filingRate").decimalValue()));
        assertEquals(0, new BigDecimal("0.75").compareTo(view.at("/indicators/onTimeRate").decimalValue()));
    }

    @Test
    void aWithdrawnReportLeavesNoTraceInTheSumsAndCountsAsMissing() {
        Map<String, String> c = scenario();
        JsonNode view = Fixtures.region(2019, DISTRICT);
        assertEquals(2, view.at("/compliance/expected").asLong()); // C and F
        assertEquals(1, view.at("/compliance/missing").asLong());
        assertEquals(0, BigDecimal.valueOf(7).compareTo(Fixtures.cell(view, "requests.new.total")), "C's 7 only");
        JsonNode rows = Fixtures.get("/api/v1/statistics/2019/regions/" + DISTRICT + "/agencies").get("items");
        assertEquals("WITHDRAWN", row(rows, c.get("F")).get("status").asText());
        assertEquals(0, row(rows, c.get("F")).get("cells").size());
    }

    @Test
    void theRetiredCountyCodeIsAChildOnlyInTheYearsItHasFigures() {
        scenario();
        List<String> in2017 = Fixtures.get("/api/v1/statistics/2017/regions/" + ZHUZHOU + "/children")
                .get("children").findValuesAsText("region");
        List<String> in2019 = Fixtures.get("/api/v1/statistics/2019/regions/" + ZHUZHOU + "/children")
                .get("children").findValuesAsText("region");
        assertTrue(in2017.contains(OLD_COUNTY) && !in2017.contains(NEW_COUNTY), in2017.toString());
        assertTrue(in2019.contains(NEW_COUNTY) && !in2019.contains(OLD_COUNTY), in2019.toString());
        // still a known region: its old years stay readable, a later year answers zeros rather than 404
        assertEquals(0, Fixtures.region(2019, OLD_COUNTY).at("/compliance/expected").asLong());
    }

    private static AgencyState government(String code, String name, String region, LocalDate from, LocalDate to) {
        return new AgencyState(code, name, region, AgencyKind.GOVERNMENT, null, null, null, from, to);
    }

    /** A report whose only non-zero figure is 7 new requests (2019+) or 7 applications (legacy years). */
    private static ReportState report(String code, String region, int year, long revision, ReportStatus status,
            boolean onTime) {
        Map<String, BigDecimal> cells = Fixtures.zeros(year);
        cells.put(year >= 2019 ? "requests.new.total" : "applicationsReceived", BigDecimal.valueOf(7));
        return Fixtures.state(code, region, year, 1, revision, status, onTime, cells);
    }

    private static Compliance compliance(int year, String region) {
        try {
            return Fixtures.JSON.treeToValue(Fixtures.region(year, region).get("compliance"), Compliance.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode row(JsonNode rows, String agencyCode) {
        for (JsonNode r : rows) {
            if (agencyCode.equals(r.get("agencyCode").asText())) {
                return r;
            }
        }
        throw new AssertionError("no row for " + agencyCode + " in " + rows);
    }
}
