package org.ogi.aggregation;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
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
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ogi.format.ReportState;
import org.ogi.format.ReportStatus;
import org.ogi.stack.PostgresServer;
import org.ogi.stack.StackTestResource;

/** Replaying both topics from offset zero gives exactly the incremental statistics, and a wrong total is caught. */
@QuarkusTest
@WithTestResource(value = StackTestResource.class, initArgs = @ResourceArg(name = "database", value = "aggregation"))
class RebuildTest {

    private static final String COUNTY = "421321"; // this class alone files in 随县
    private static final int YEAR = 2022;
    private static boolean filed;

    @Test
    void rebuildFromOffsetZeroEqualsTheIncrementalStatistics() {
        fileAmendAndWithdraw();
        JsonNode result = rebuild();
        assertTrue(result.get("equal").asBoolean(), result.toString());
        assertEquals(0, result.get("differenceCount").asLong());
        assertTrue(result.get("eventsRead").asLong() >= 5, result.toString());
        assertTrue(result.get("caughtUp").asBoolean(), result.toString());
    }

    @Test
    void rebuildReportsTheCellWhereAnIncrementalTotalIsWrong() throws SQLException {
        fileAmendAndWithdraw();
        tamper(+1);
        try {
            JsonNode result = rebuild();
            assertFalse(result.get("equal").asBoolean());
            boolean found = false;
            for (JsonNode d : result.get("differences")) {
                found |= d.get("table").asText().equals("region_total") && d.get("key").asText().equals(COUNTY + "/" + YEAR)
                        && d.get("field").asText().equals("requests.new.total")
                        && new BigDecimal(d.get("incremental").asText())
                        .subtract(new BigDecimal(d.get("rebuilt").asText())).compareTo(BigDecimal.ONE) == 0;
            }
            assertTrue(found, result.toString());
        } finally {
            tamper(-1);
        }
    }

    @Test
    void rebuildIsForAdministratorsOnly() {
        given().when().post("/api/v1/statistics/rebuild").then().statusCode(401)
                .contentType("application/problem+json").body("status", equalTo(401));
        given().auth().oauth2(StackTestResource.stack().tokens().supervisor(COUNTY))
                .when().post("/api/v1/statistics/rebuild").then().statusCode(403);
    }

    /** Files, amends and withdraws reports in the county (once per JVM) and waits until the statistics show them. */
    private static synchronized void fileAmendAndWithdraw() {
        if (filed) {
            return;
        }
        String kept = Fixtures.agencyCode(COUNTY);
        String withdrawn = Fixtures.agencyCode(COUNTY);
        try (TestEvents events = new TestEvents()) {
            events.agency(Fixtures.agency(kept, COUNTY, null, null), Instant.now());
            events.agency(Fixtures.agency(withdrawn, COUNTY, null, null), Instant.now());
            events.report(state(kept, 1, ReportStatus.SUBMITTED, 5));
            events.report(state(kept, 2, ReportStatus.SUBMITTED, 8));
            events.report(state(kept, 3, ReportStatus.ACCEPTED, 8));
            events.report(state(withdrawn, 1, ReportStatus.SUBMITTED, 100));
            events.report(state(withdrawn, 2, ReportStatus.WITHDRAWN, 100));
            events.flush();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode view = Fixtures.region(YEAR, COUNTY);
            assertEquals(0, BigDecimal.valueOf(8).compareTo(Fixtures.cell(view, "requests.new.total")));
            assertEquals(1, view.at("/compliance/accepted").asLong());
            assertEquals(1, view.at("/compliance/missing").asLong());
        });
        filed = true;
    }

    @Test
    void rebuildReportsACountyWhoseIncrementalComplianceIsWrong() throws SQLException {
        fileAmendAndWithdraw();
        tamperCompliance(+1);
        try {
            JsonNode result = rebuild();
            assertFalse(result.get("equal").asBoolean());
            boolean found = false;
            for (JsonNode d : result.get("differences")) {
                found |= d.get("table").asText().equals("compliance_total") && d.get("key").asText().equals(COUNTY + "/" + YEAR)
                        && d.get("field").asText().equals("late")
                        && Long.parseLong(d.get("incremental").asText()) - Long.parseLong(d.get("rebuilt").asText()) == 1;
            }
            assertTrue(found, result.toString());
        } finally {
            tamperCompliance(-1);
        }
    }

    /** Corrupts (or repairs) the county's incremental count of late reports behind the service's back. */
    private static void tamperCompliance(int delta) throws SQLException {
        PostgresServer pg = StackTestResource.stack().postgres();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("aggregation"), pg.username(), pg.password());
                PreparedStatement ps = c.prepareStatement(
                        "update compliance_total set late = late + ? where region_code = ? and year = ?")) {
            ps.setInt(1, delta);
            ps.setString(2, COUNTY);
            ps.setInt(3, YEAR);
            assertEquals(1, ps.executeUpdate());
        }
    }

    private static ReportState state(String code, long revision, ReportStatus status, int newRequests) {
        Map<String, BigDecimal> cells = Fixtures.zeros(YEAR);
        cells.put("requests.new.total", BigDecimal.valueOf(newRequests));
        return Fixtures.state(code, COUNTY, YEAR, 1, revision, status, true, cells);
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

    /** Corrupts (or repairs) the county's incremental total behind the service's back. */
    private static void tamper(int delta) throws SQLException {
        PostgresServer pg = StackTestResource.stack().postgres();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("aggregation"), pg.username(), pg.password());
                PreparedStatement ps = c.prepareStatement("update region_total t set cells[k.idx] = "
                        + "coalesce(t.cells[k.idx], 0) + ? from cell_key k "
                        + "where k.key = 'requests.new.total' and t.region_code = ? and t.year = ?")) {
            ps.setInt(1, delta);
            ps.setString(2, COUNTY);
            ps.setInt(3, YEAR);
            assertEquals(1, ps.executeUpdate());
        }
    }
}
