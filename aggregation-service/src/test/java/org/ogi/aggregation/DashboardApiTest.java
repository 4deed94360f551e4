package org.ogi.aggregation;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ogi.format.AgencyKind;
import org.ogi.format.AgencyState;
import org.ogi.format.Deadlines;
import org.ogi.format.ReportStatus;
import org.ogi.stack.StackTestResource;

/**
 * What the dashboard reads beyond the sums, in 南宁 (450100; this class alone uses province 45): region names and the
 * breadcrumb path, the not-yet-filed agencies with deadline and days late, and the format's labels. Year 2022 only (the
 * property test owns the nation's sums of 2016, 2020, 2023–2025).
 */
@QuarkusTest
@WithTestResource(value = StackTestResource.class, initArgs = @ResourceArg(name = "database", value = "aggregation"))
class DashboardApiTest {

    private static final String NANNING = "450100";
    private static final String XINGNING = "450102";
    private static final String QINGXIU = "450103";
    private static final int YEAR = 2022;
    private static final List<String> CODES = new ArrayList<>();
    private static boolean loaded;

    /**
     * 兴宁区: a department that filed, a department that never filed, a government that withdrew its report, a township
     * with no report; 青秀区: one department that filed late; 南宁市 itself: one department without a report.
     */
    private static synchronized void scenario() {
        if (loaded) {
            return;
        }
        Instant t = Instant.parse("2023-01-01T00:00:00Z");
        try (TestEvents events = new TestEvents()) {
            agency(events, XINGNING, "兴宁区已报局", AgencyKind.DEPARTMENT, t);
            agency(events, XINGNING, "兴宁区未报局", AgencyKind.DEPARTMENT, t);
            agency(events, XINGNING, "兴宁区人民政府", AgencyKind.GOVERNMENT, t);
            agency(events, XINGNING, "兴宁区某街道办事处", AgencyKind.TOWNSHIP, t);
            agency(events, QINGXIU, "青秀区迟报局", AgencyKind.DEPARTMENT, t);
            agency(events, NANNING, "南宁市未报局", AgencyKind.DEPARTMENT, t);
            events.report(Fixtures.state(CODES.get(0), XINGNING, YEAR, 1, 1, ReportStatus.SUBMITTED, true,
                    Fixtures.zeros(YEAR)));
            events.report(Fixtures.state(CODES.get(2), XINGNING, YEAR, 1, 2, ReportStatus.WITHDRAWN, true, null));
            events.report(Fixtures.state(CODES.get(4), QINGXIU, YEAR, 1, 1, ReportStatus.SUBMITTED, false,
                    Fixtures.zeros(YEAR)));
            events.flush();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode view = Fixtures.region(YEAR, NANNING);
            assertEquals(6, view.at("/compliance/expected").asLong());
            assertEquals(2, view.at("/compliance/filed").asLong());
            assertEquals(4, view.at("/compliance/missing").asLong());
        });
        loaded = true;
    }

    private static void agency(TestEvents events, String region, String name, AgencyKind kind, Instant at) {
        String code = Fixtures.agencyCode(region);
        CODES.add(code);
        events.agency(new AgencyState(code, name, region, kind, null, null, null, null, null), at);
    }

    @Test
    void regionsAndChildrenCarryTheirNamesAndTheBreadcrumbPathFromTheNation() {
        scenario();
        assertEquals("南宁市", Fixtures.region(YEAR, NANNING).get("name").asText());
        JsonNode children = Fixtures.get("/api/v1/statistics/" + YEAR + "/regions/" + NANNING + "/children");
        assertEquals(List.of("全国", "广西壮族自治区", "南宁市"), children.get("path").findValuesAsText("name"));
        assertEquals(List.of("000000", "450000", "450100"), children.get("path").findValuesAsText("region"));
        assertEquals(List.of("NATION", "PROVINCE", "PREFECTURE"), children.get("path").findValuesAsText("level"));
        assertEquals(List.of("兴宁区", "青秀区"), children.get("children").findValuesAsText("name"));
        assertEquals("南宁市", children.at("/own/name").asText());
        assertEquals(1, children.at("/own/compliance/missing").asLong());
    }

    @Test
    void theMissingListHasEveryObligedAgencyWithoutAFiledReportMostOverdueFirst() {
        scenario();
        JsonNode page = Fixtures.get("/api/v1/statistics/" + YEAR + "/regions/" + NANNING + "/missing");
        LocalDate today = LocalDate.parse(page.get("today").asText());
        assertEquals(LocalDate.now(Deadlines.ZONE), today);
        assertEquals(4, page.get("total").asLong(), "equals compliance.missing");
        assertEquals(Fixtures.region(YEAR, NANNING).at("/compliance/missing").asLong(), page.get("total").asLong());
        JsonNode items = page.get("items");
        assertEquals(List.of("兴宁区某街道办事处", "南宁市未报局", "兴宁区未报局", "兴宁区人民政府"),
                items.findValuesAsText("name"), "townships (26 January in the test configuration), departments "
                        + "(31 January), then governments (31 March); by region within a deadline");
        assertEquals(List.of("NOT_FILED", "NOT_FILED", "NOT_FILED", "WITHDRAWN"), items.findValuesAsText("status"));
        assertEquals(List.of("兴宁区", "南宁市", "兴宁区", "兴宁区"), items.findValuesAsText("regionName"));
        LocalDate township = LocalDate.of(YEAR + 1, 1, 26);
        LocalDate january = LocalDate.of(YEAR + 1, 1, 31);
        LocalDate march = LocalDate.of(YEAR + 1, 3, 31);
        assertEquals(township.toString(), items.get(0).get("deadline").asText());
        assertEquals(january.toString(), items.get(1).get("deadline").asText());
        assertEquals(march.toString(), items.get(3).get("deadline").asText());
        assertEquals(Math.max(0, ChronoUnit.DAYS.between(township, today)), items.get(0).get("daysLate").asLong());
        assertEquals(Math.max(0, ChronoUnit.DAYS.between(january, today)), items.get(1).get("daysLate").asLong());
        assertEquals(Math.max(0, ChronoUnit.DAYS.between(march, today)), items.get(3).get("daysLate").asLong());

        JsonNode county = Fixtures.get("/api/v1/statistics/" + YEAR + "/regions/" + QINGXIU + "/missing");
        assertEquals(0, county.get("total").asLong(), "filing late is filing: 青秀区 has nobody missing");
        JsonNode second = Fixtures.get("/api/v1/statistics/" + YEAR + "/regions/" + NANNING + "/missing?page=1&size=3");
        assertEquals(List.of("兴宁区人民政府"), second.get("items").findValuesAsText("name"));
    }

    @Test
    void theFormatOfAYearListsItsCellsWithTheNationalTablesLabels() {
        scenario();
        JsonNode format = Fixtures.get("/api/v1/statistics/" + YEAR + "/format");
        assertEquals("2021", format.get("format").asText());
        assertEquals(Fixtures.region(YEAR, NANNING).get("cells").size(), format.get("cells").size());
        JsonNode first = format.at("/cells/0");
        assertTrue(first.get("label").asText().startsWith("第二部分"), first.toString());
        JsonNode legacy = Fixtures.get("/api/v1/statistics/2012/format");
        assertEquals("legacy", legacy.get("format").asText());
        assertTrue(legacy.get("cells").findValuesAsText("key").contains("applicationsReceived"));
        assertEquals(0, BigDecimal.ZERO.compareTo(Fixtures.cell(Fixtures.region(YEAR, QINGXIU), "requests.new.total")));
    }

    @Test
    void theDashboardIsServedAtTheRootAndItsChartLibraryFromTheEChartsJar() {
        io.restassured.RestAssured.given().when().get("/").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("/_static/echarts/6.0.0/dist/echarts.min.js"));
        io.restassured.RestAssured.given().when().get("/_static/echarts/6.0.0/dist/echarts.min.js").then()
                .statusCode(200);
        io.restassured.RestAssured.given().when().get("/dashboard/app.js").then().statusCode(200);
    }
}
