package org.ogi.notification;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.ogi.format.AgencyKind;
import org.ogi.format.AgencyState;
import org.ogi.format.ReportStatus;
import org.ogi.format.Topics;
import org.ogi.notification.service.LateFiler;
import org.ogi.stack.StackTestResource;

/** Who may see and do what, and how the consumers treat bad and stale events. */
@QuarkusTest
@WithTestResource(value = StackTestResource.class, initArgs = @ResourceArg(name = "database", value = "notification"))
@WithTestResource(MailTestResource.class)
class ChaseApiTest {

    private static String supervisor(String region) {
        return StackTestResource.stack().tokens().supervisor(region);
    }

    private static String agency(String code) {
        return StackTestResource.stack().tokens().agency(code);
    }

    @Test
    void aSupervisorSeesLateFilersOfItsOwnSubtreeOnly() {
        int year = 2040;
        try (World world = new World("K10")) {
            AgencyState nanjing = world.agency(world.code("320106", 1), "南京市鼓楼区教育局", "320106",
                    AgencyKind.DEPARTMENT, "k10-1@gl.gov.cn", null, null, year);
            AgencyState hangzhou = world.agency(world.code("330102", 2), "杭州市上城区教育局", "330102",
                    AgencyKind.DEPARTMENT, "k10-2@sc.gov.cn", null, null, year);
            world.awaitApplied();
            String at = "2041-02-05T10:00:00+08:00";

            List<LateFiler> jiangsu = World.lateFilers(supervisor("320000"), year, "320000", at);
            assertEquals(List.of(nanjing.code()), jiangsu.stream().map(LateFiler::agencyCode).toList());
            assertEquals(5, jiangsu.get(0).daysLate());
            assertEquals("未报送", jiangsu.get(0).statusText());
            List<String> nation = World.lateFilers(World.admin(), year, "000000", at).stream()
                    .map(LateFiler::agencyCode).toList();
            assertTrue(nation.containsAll(List.of(nanjing.code(), hangzhou.code())), nation.toString());
            assertEquals(List.of(), World.lateFilers(supervisor("320000"), year, "320000", "2041-01-31T10:00:00+08:00"),
                    "nobody is late on the deadline day");

            given().auth().oauth2(supervisor("320000")).queryParam("year", year).queryParam("region", "330000")
                    .when().get("/api/v1/late-filers")
                    .then().statusCode(403).contentType("application/problem+json")
                    .body("detail", containsString("不在本主管部门"));
            given().auth().oauth2(agency(nanjing.code())).queryParam("year", year)
                    .when().get("/api/v1/late-filers")
                    .then().statusCode(403).body("detail", equalTo("当前身份无权执行此操作"));
            given().queryParam("year", year).when().get("/api/v1/late-filers")
                    .then().statusCode(401).contentType("application/problem+json");
            given().auth().oauth2(World.admin()).queryParam("year", 1999).when().get("/api/v1/late-filers")
                    .then().statusCode(400).body("detail", containsString("year"));
        }
    }

    @Test
    void theDeliveryLogIsOpenToTheAgencyItsSupervisorsAndAdminOnly() {
        int year = 2041;
        try (World world = new World("L11")) {
            AgencyState bureau = world.agency(world.code("120101", 1), "天津市和平区民政局", "120101",
                    AgencyKind.DEPARTMENT, "l11@hp.gov.cn", null, null, year);
            AgencyState other = world.agency(world.code("120102", 2), "天津市河东区民政局", "120102",
                    AgencyKind.DEPARTMENT, "l11-2@hd.gov.cn", null, null, year);
            world.awaitApplied();
            World.run("2042-02-01T10:00:00+08:00");

            for (String token : List.of(agency(bureau.code()), supervisor("120000"), supervisor("120101"), World.admin())) {
                given().auth().oauth2(token).queryParam("agencyCode", bureau.code()).queryParam("year", year)
                        .when().get("/api/v1/notifications")
                        .then().statusCode(200)
                        .body("size()", equalTo(1))
                        .body("[0].stage", equalTo("LATE_1"))
                        .body("[0].status", equalTo("SENT"))
                        .body("[0].recipient", equalTo("l11@hp.gov.cn"));
            }
            for (String token : List.of(agency(other.code()), supervisor("120102"), supervisor("110000"))) {
                given().auth().oauth2(token).queryParam("agencyCode", bureau.code())
                        .when().get("/api/v1/notifications")
                        .then().statusCode(403).contentType("application/problem+json");
            }
            given().auth().oauth2(World.admin()).when().get("/api/v1/notifications")
                    .then().statusCode(400).body("detail", equalTo("缺少参数 agencyCode"));
        }
    }

    @Test
    void aYearInAQueryMustBeFourAsciiDigits() {
        for (String path : List.of("/api/v1/late-filers?region=421300&year=", "/api/v1/notifications?agencyCode=X&year=")) {
            for (String year : List.of("２０４２", "+2042", "20420")) {
                given().auth().oauth2(World.admin()).when().get(path + year)
                        .then().statusCode(400).contentType("application/problem+json")
                        .body("detail", containsString("查询参数 year 无效：年度须为4位阿拉伯数字"));
            }
        }
    }

    @Test
    void onlyAnAdminRunsTheChaseAndTheInstantMustCarryAnOffset() {
        given().auth().oauth2(supervisor("000000")).queryParam("at", "2042-02-01T10:00:00+08:00")
                .when().post("/api/v1/chase-runs")
                .then().statusCode(403);
        given().queryParam("at", "2042-02-01T10:00:00+08:00").when().post("/api/v1/chase-runs")
                .then().statusCode(401);
        given().auth().oauth2(World.admin()).queryParam("at", "2042-02-01 10:00")
                .when().post("/api/v1/chase-runs")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("ISO 8601"));
        given().auth().oauth2(World.admin()).queryParam("at", "2043-07-01T10:00:00+08:00")
                .when().post("/api/v1/chase-runs")
                .then().statusCode(200).body("years", equalTo(List.of(2042))).body("quietHours", equalTo(false));
    }

    @Test
    void malformedEventsAreDeadLetteredWithTheReasonAndDoNotBlockTheTopic() {
        int year = 2043;
        try (World world = new World("M12")) {
            AgencyState bureau = world.agency(world.code("130102", 1), "石家庄市长安区财政局", "130102",
                    AgencyKind.DEPARTMENT, "m12@ca.gov.cn", null, null, year);
            // same key as the good report below, so both sit in one partition, the bad record first
            String badKey = Topics.reportKey(bureau.code(), year);
            world.send(Topics.REPORTS, badKey, "{this is not json " + UUID.randomUUID());
            world.report(bureau, year, 1, ReportStatus.SUBMITTED, "2044-01-20T10:00:00+08:00", null);
            world.awaitApplied(); // the good events behind the bad one were applied

            Map<String, String> headers = World.deadLetter(Topics.dlq(Topics.REPORTS), badKey);
            assertTrue(headers.get("dead-letter-reason").contains("not a report event in JSON"), headers.toString());
            assertEquals(List.of(), World.lateFilers(World.admin(), year, "130102", "2044-02-05T10:00:00+08:00"));
        }
    }

    @Test
    void aStaleRevisionDoesNotUndoANewerState() {
        int year = 2044;
        try (World world = new World("N13")) {
            AgencyState bureau = world.agency(world.code("140105", 1), "太原市小店区水务局", "140105",
                    AgencyKind.DEPARTMENT, "n13@xd.gov.cn", null, null, year);
            world.report(bureau, year, 2, ReportStatus.SUBMITTED, "2045-02-03T10:00:00+08:00", null);
            world.report(bureau, year, 1, ReportStatus.RETURNED, "2045-02-02T10:00:00+08:00", "旧的退回意见");
            world.awaitApplied();

            assertEquals(List.of(), World.lateFilers(World.admin(), year, "140105", "2045-02-05T10:00:00+08:00"),
                    "revision 2 (filed) stands; the older revision 1 (returned) was ignored");
            assertEquals(List.of(), World.run("2045-02-05T10:00:00+08:00").attempts().stream()
                    .filter(a -> a.agencyCode().equals(bureau.code())).toList());
        }
    }
}
