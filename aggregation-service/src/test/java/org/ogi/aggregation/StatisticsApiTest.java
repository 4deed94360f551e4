package org.ogi.aggregation;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ogi.format.AgencyKind;
import org.ogi.format.AgencyState;
import org.ogi.format.ReportStatus;
import org.ogi.stack.StackTestResource;

/** The statistics API in 宣城 (341800; this class alone uses province 34): views, paging, CSV, trend and problems. */
@QuarkusTest
@WithTestResource(value = StackTestResource.class, initArgs = @ResourceArg(name = "database", value = "aggregation"))
class StatisticsApiTest {

    private static final String XUANCHENG = "341800";
    private static final String LANGXI = "341821";
    private static boolean loaded;

    /**
     * 郎溪县: five departments, three filed for 2022. 广德县 (341822, retired 2019-08-31) and its successor 广德市
     * (341882): one county government each, filing legacy reports for 2012 and 2018 and a 2019-format one for 2019.
     */
    private static synchronized void scenario() {
        if (loaded) {
            return;
        }
        List<String> langxi = new ArrayList<>();
        Instant t = Instant.parse("2023-01-01T00:00:00Z");
        String guangdeCounty = Fixtures.agencyCode("341822");
        String guangdeCity = Fixtures.agencyCode("341882");
        try (TestEvents events = new TestEvents()) {
            for (int i = 0; i < 5; i++) {
                String code = Fixtures.agencyCode(LANGXI);
                langxi.add(code);
                events.agency(new AgencyState(code, "郎溪县测试局" + i, LANGXI, AgencyKind.DEPARTMENT, null, null, null,
                        null, null), t);
            }
            events.agency(new AgencyState(guangdeCounty, "广德县人民政府", "341822", AgencyKind.GOVERNMENT, null, null,
                    null, null, LocalDate.of(2019, 8, 31)), t);
            events.agency(new AgencyState(guangdeCity, "广德市人民政府", "341882", AgencyKind.GOVERNMENT, null, null,
                    null, LocalDate.of(2019, 9, 1), null), t);
            events.report(Fixtures.state(langxi.get(0), LANGXI, 2022, 1, 1, ReportStatus.SUBMITTED, true, cells(2022,
                    Map.of("requests.granted.total", 6, "requests.partlyGranted.total", 2,
                            "requests.refusedStateSecret.total", 1, "requests.totalHandled.total", 10,
                            "requests.new.total", 12, "reviewAndLitigation.adminReview.upheld", 1,
                            "reviewAndLitigation.adminReview.corrected", 1))));
            events.report(Fixtures.state(langxi.get(1), LANGXI, 2022, 1, 1, ReportStatus.SUBMITTED, true, cells(2022,
                    Map.of())));
            events.report(Fixtures.state(langxi.get(2), LANGXI, 2022, 1, 1, ReportStatus.SUBMITTED, false, cells(2022,
                    Map.of())));
            events.report(Fixtures.state(guangdeCounty, "341822", 2012, 1, 1, ReportStatus.ACCEPTED, true, cells(2012,
                    Map.of("applicationsReceived", 40))));
            events.report(Fixtures.state(guangdeCounty, "341822", 2018, 1, 1, ReportStatus.ACCEPTED, true, cells(2018,
                    Map.of("applicationsReceived", 30))));
            events.report(Fixtures.state(guangdeCity, "341882", 2019, 1, 1, ReportStatus.SUBMITTED, true, cells(2019,
                    Map.of("requests.new.total", 20))));
            events.flush();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertEquals(3, Fixtures.region(2022, LANGXI).at("/compliance/filed").asLong());
            assertEquals(5, Fixtures.region(2022, LANGXI).at("/compliance/expected").asLong());
            assertEquals(1, Fixtures.region(2019, XUANCHENG).at("/compliance/filed").asLong());
            assertEquals(1, Fixtures.region(2018, XUANCHENG).at("/reports").asLong());
            assertEquals(6, Fixtures.region(2012, XUANCHENG).at("/compliance/expected").asLong());
        });
        loaded = true;
    }

    @Test
    void aRegionAnswersItsSumsComplianceAndIndicatorsDerivedFromThem() {
        scenario();
        JsonNode view = Fixtures.region(2022, LANGXI);
        assertEquals("COUNTY", view.get("level").asText());
        assertTrue(view.hasNonNull("asOf"));
        assertEquals(5, view.at("/compliance/expected").asLong());
        assertEquals(2, view.at("/compliance/missing").asLong());
        assertEquals(1, view.at("/compliance/late").asLong());
        assertEquals(0, BigDecimal.valueOf(12).compareTo(Fixtures.cell(view, "requests.new.total")));
        assertEquals(200, view.get("cells").size(), "every 2021-format cell, zeros included");
        assertRate("0.8", view.at("/indicators/disclosureRate"));
        assertRate("0.1", view.at("/indicators/refusalRate"));
        assertRate("0.5", view.at("/indicators/reviewCorrectionRate"));
        assertTrue(view.at("/indicators/litigationCorrectionRate").isNull(), "no litigation decided: no rate");
        assertRate("4", view.at("/indicators/requestsPerAgency"));
        assertRate("0.6667", view.at("/indicators/onTimeRate"));
        assertRate("0.6", view.at("/indicators/filingRate"));
    }

    @Test
    void aYearWithoutReportsAnswersZerosWithItsObligedAgenciesAndNullRates() {
        scenario();
        JsonNode view = Fixtures.region(2015, LANGXI);
        assertEquals(5, view.at("/compliance/expected").asLong());
        assertEquals(5, view.at("/compliance/missing").asLong());
        assertTrue(view.at("/cells").has("applicationsReceived"), "the legacy figures of 2015");
        assertEquals(0, view.at("/cells/applicationsReceived").asInt());
        assertTrue(view.at("/indicators/disclosureRate").isNull());
        assertTrue(view.at("/indicators/requestsPerAgency").isNull(), "nobody filed: no basis for a rate");
        assertTrue(view.at("/indicators/onTimeRate").isNull());
        assertRate("0", view.at("/indicators/filingRate"));
    }

    @Test
    void unknownRegionsAndYearsAreProblemsWithAChineseDetail() {
        scenario();
        problem("/api/v1/statistics/2022/regions/341899", 404, "没有地区“341899”的统计");
        problem("/api/v1/statistics/2022/regions/34182X", 404, "不是六位数字");
        problem("/api/v1/statistics/2007/regions/" + LANGXI, 404, "可查询的年度为2008年至");
        problem("/api/v1/statistics/abc/regions/" + LANGXI, 404, "找不到该资源");
        problem("/api/v1/statistics/２０２２/regions/" + LANGXI, 404, "年度须为4位阿拉伯数字");
        problem("/api/v1/statistics/+2022/regions/" + LANGXI + "/agencies", 404, "收到：「+2022」");
        problem("/api/v1/statistics/02022/format", 404, "年度须为4位阿拉伯数字");
        problem("/api/v1/statistics/regions/" + XUANCHENG + "/trend?cells=requests.new.total,bogus", 400,
                "未知的单元格：bogus");
        problem("/api/v1/statistics/2022/regions/" + LANGXI + "/agencies?size=0", 400, "分页参数无效");
    }

    @Test
    void theAgencyFrameIsPagedAsJsonAndCompleteAsCsvWithAByteOrderMark() {
        scenario();
        JsonNode first = Fixtures.get("/api/v1/statistics/2022/regions/" + LANGXI + "/agencies?page=0&size=2");
        assertEquals(5, first.get("total").asLong());
        assertEquals(2, first.get("items").size());
        JsonNode last = Fixtures.get("/api/v1/statistics/2022/regions/" + LANGXI + "/agencies?page=2&size=2");
        assertEquals(1, last.get("items").size());

        byte[] csv = given().accept("text/csv").when().get("/api/v1/statistics/2022/regions/" + LANGXI + "/agencies")
                .then().statusCode(200).contentType(containsString("text/csv")).extract().asByteArray();
        assertEquals(List.of((byte) 0xEF, (byte) 0xBB, (byte) 0xBF), List.of(csv[0], csv[1], csv[2]));
        List<String> lines = Arrays.asList(new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8).split("\r?\n"));
        assertEquals(6, lines.size(), "a header and five agencies");
        List<String> header = Arrays.asList(lines.get(0).split(","));
        assertEquals("agencyCode", header.get(0));
        assertTrue(header.contains("requests.new.naturalPerson") && header.contains("activeDisclosure.fees.amount10kYuan"),
                header.toString());
        assertEquals(11 + 200, header.size());
        assertTrue(lines.stream().anyMatch(l -> l.contains("郎溪县测试局") && l.contains("NOT_FILED")), lines.toString());
        for (String line : lines) {
            assertEquals(header.size(), line.split(",", -1).length, "one value per column: " + line);
        }
    }

    @Test
    void theTrendCountsARetiredCountyAndItsSuccessorOnceEachYear() {
        scenario();
        JsonNode trend = Fixtures.get("/api/v1/statistics/regions/" + XUANCHENG
                + "/trend?from=2012&to=2019&cells=applicationsReceived,requests.new.total");
        assertEquals(8, trend.get("years").size());
        for (JsonNode year : trend.get("years")) {
            assertEquals(6, year.at("/compliance/expected").asLong(), "year " + year.get("year"));
        }
        assertEquals(40, trend.at("/years/0/cells/applicationsReceived").asInt());
        assertEquals(30, trend.at("/years/6/cells/applicationsReceived").asInt());
        assertEquals(20, trend.at("/years/7/cells/requests.new.total").asInt());
        List<String> children = Fixtures.get("/api/v1/statistics/2022/regions/" + XUANCHENG + "/children")
                .get("children").findValuesAsText("region");
        assertEquals(List.of("341821", "341882"), children);
    }

    private static Map<String, BigDecimal> cells(int year, Map<String, Integer> values) {
        Map<String, BigDecimal> cells = Fixtures.zeros(year);
        values.forEach((k, v) -> cells.put(k, BigDecimal.valueOf(v)));
        return cells;
    }

    private static void assertRate(String expected, JsonNode actual) {
        assertTrue(actual.isNumber(), "a number: " + actual);
        assertEquals(0, new BigDecimal(expected).compareTo(actual.decimalValue()), expected + " vs " + actual);
    }

    private static void problem(String path, int status, String detail) {
        given().when().get(path).then().statusCode(status).contentType("application/problem+json")
                .body("status", equalTo(status)).body("detail", containsString(detail));
    }
}
