package org.ogi.aggregation;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ogi.format.ReportState;
import org.ogi.format.ReportStatus;
import org.ogi.format.Topics;
import org.ogi.stack.PostgresServer;
import org.ogi.stack.StackTestResource;

/**
 * The rebuild's replay goes through many polls at once in the tests (ogi.statistics.rebuild-poll-records=5): decoded
 * on two threads, stored in poll order. Among equal revisions the first state must still win, as in the live
 * consumer; refused records are counted and skipped; and the recomputed region sums catch a wrong ancestor row and
 * rows that only one side has.
 */
@QuarkusTest
@WithTestResource(value = StackTestResource.class, initArgs = @ResourceArg(name = "database", value = "aggregation"))
class RebuildReplayTest {

    private static final String COUNTY = "421381"; // this class alone files in 广水市
    private static final String PREFECTURE = "421300";
    private static final String NOBODY = "421399"; // a code no test files in
    private static final int YEAR = 2021; // not one of the years whose national sums StatisticsPropertyTest owns
    private static final int AGENCIES = 12;
    private static boolean filed;

    @Test
    void rebuildAcrossManyPollsKeepsTheFirstOfEqualRevisionsAndSkipsRefusedRecords() {
        fileEqualRevisions();
        JsonNode result = rebuild();
        // a later equal-revision state stored over the first would differ from report_state and region_total
        assertTrue(result.get("equal").asBoolean(), result.toString());
        assertTrue(result.get("invalidEvents").asLong() >= 1, result.toString());
        assertTrue(result.get("eventsRead").asLong() >= 3L * AGENCIES + 1, result.toString());
    }

    @Test
    void rebuildReportsAWrongPrefectureRowAndRowsOnlyOneSideHas() throws SQLException {
        fileEqualRevisions();
        update("update region_total set reports = reports + 1 where region_code = ? and year = ?", PREFECTURE);
        update("insert into region_total (region_code, year, reports, cells, updated_at) "
                + "values (?, ?, 2, '{7}', now())", NOBODY);
        try {
            JsonNode result = rebuild();
            assertFalse(result.get("equal").asBoolean(), result.toString());
            List<String> found = new ArrayList<>();
            result.get("differences").forEach(d -> found.add(d.get("table").asText() + " " + d.get("key").asText()
                    + " " + d.get("field").asText() + " " + d.get("incremental").asText() + " "
                    + d.get("rebuilt").asText()));
            assertTrue(found.stream().anyMatch(f -> f.startsWith("region_total " + PREFECTURE + "/" + YEAR + " reports ")
                    && differsByOne(f)), found.toString());
            assertTrue(found.contains("region_total " + NOBODY + "/" + YEAR + " reports 2 0"), found.toString());
            assertTrue(found.stream().anyMatch(f -> f.startsWith("region_total " + NOBODY + "/" + YEAR + " ")
                    && f.endsWith(" 7 0")), found.toString());
            assertEquals(3, result.get("differenceCount").asLong(), result.toString());
        } finally {
            update("delete from region_total where region_code = ? and year = ?", NOBODY);
            update("update region_total set reports = reports - 1 where region_code = ? and year = ?", PREFECTURE);
        }
    }

    /** "reports" differences read "… incremental rebuilt": the incremental count is one more. */
    private static boolean differsByOne(String found) {
        String[] parts = found.split(" ");
        return Long.parseLong(parts[3]) - Long.parseLong(parts[4]) == 1;
    }

    /**
     * Per agency (once per JVM): revision 1 with 3 new requests, then revision 1 again with 4 (the live consumer keeps
     * the first), then revision 2 with 5; a record that is not JSON in between.
     */
    private static synchronized void fileEqualRevisions() {
        if (filed) {
            return;
        }
        try (TestEvents events = new TestEvents()) {
            List<String> codes = new ArrayList<>();
            for (int i = 0; i < AGENCIES; i++) {
                String code = Fixtures.agencyCode(COUNTY);
                codes.add(code);
                events.agency(Fixtures.agency(code, COUNTY, null, null), Instant.now());
            }
            for (String code : codes) {
                events.report(state(code, 1, 3));
                events.report(state(code, 1, 4));
            }
            events.raw(Topics.REPORTS, Topics.reportKey(codes.get(0), YEAR), "{not json");
            for (String code : codes.subList(0, AGENCIES / 2)) {
                events.report(state(code, 2, 5));
            }
            events.flush();
        }
        BigDecimal expected = BigDecimal.valueOf(3L * (AGENCIES - AGENCIES / 2) + 5L * (AGENCIES / 2));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(0,
                expected.compareTo(Fixtures.cell(Fixtures.region(YEAR, COUNTY), "requests.new.total"))));
        filed = true;
    }

    private static ReportState state(String code, long revision, int newRequests) {
        Map<String, BigDecimal> cells = Fixtures.zeros(YEAR);
        cells.put("requests.new.total", BigDecimal.valueOf(newRequests));
        return Fixtures.state(code, COUNTY, YEAR, (int) revision, revision, ReportStatus.SUBMITTED, true, cells);
    }

    private static JsonNode rebuild() {
        String body = given().auth().oauth2(StackTestResource.stack().tokens().admin())
                .when().post("/api/v1/statistics/rebuild").then().statusCode(200).extract().asString();
        try {
            return Fixtures.JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Changes region_total behind the service's back: {@code sql} takes the region code and the year. */
    private static void update(String sql, String region) throws SQLException {
        PostgresServer pg = StackTestResource.stack().postgres();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("aggregation"), pg.username(), pg.password());
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, region);
            ps.setInt(2, YEAR);
            assertEquals(1, ps.executeUpdate());
        }
    }
}
