package org.ogi.submission;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.notNullValue;
import static org.ogi.submission.Fixtures.asAdmin;
import static org.ogi.submission.Fixtures.asAgency;
import static org.ogi.submission.Fixtures.pingtan;
import static org.ogi.submission.Fixtures.registerDepartment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.ogi.stack.StackTestResource;

@QuarkusTest
@WithTestResource(value = StackTestResource.class, initArgs = @ResourceArg(name = "database", value = "submission"))
class FilingTest {

    static final String SUIZHOU_COUNTY = "421303";

    @Test
    void acceptsTheRealPublishedPingtanReportAsFirstVersion() {
        String code = registerDepartment(SUIZHOU_COUNTY);
        given().spec(asAgency(code)).contentType(ContentType.JSON).body(pingtan().toString())
                .put("/api/v1/reports/2022/{code}", code)
                .then().statusCode(201)
                .header("Location", endsWith("/api/v1/reports/2022/" + code + "/versions/1"))
                .body("version", equalTo(1))
                .body("revision", equalTo(1))
                .body("status", equalTo("SUBMITTED"))
                .body("format", equalTo("2021"))
                .body("deadline", equalTo("2023-01-31"))
                .body("onTime", equalTo(false))
                .body("receivedAt", notNullValue())
                // other tests file the same Pingtan text for other agencies in 2022: only 内容雷同 may be noted
                .body("findings.findAll { it.rule != 'NEAR_DUPLICATE' }", empty())
                .body("report.requests.totalHandled.total", equalTo(75))
                .body("report.activeDisclosure.fees.amount10kYuan", equalTo(9116.36f));
    }

    @Test
    void unchangedResendKeepsTheVersionAndChangedBodyMakesTheNext() {
        String code = registerDepartment(SUIZHOU_COUNTY);
        file(code, 2022, pingtan()).then().statusCode(201).body("version", equalTo(1));
        file(code, 2022, pingtan()).then().statusCode(200).body("version", equalTo(1)).body("revision", equalTo(1));

        ObjectNode amended = pingtan();
        amended.put("otherMatters", "2022年，未收取信息处理费。");
        file(code, 2022, amended).then().statusCode(200).body("version", equalTo(2)).body("revision", equalTo(2));

        given().spec(asAgency(code)).get("/api/v1/reports/2022/{code}/versions", code)
                .then().statusCode(200).body("version", equalTo(java.util.List.of(1, 2)));
        given().spec(asAgency(code)).get("/api/v1/reports/2022/{code}/versions/1", code)
                .then().statusCode(200).body("report.otherMatters", equalTo("2022年，无收取信息处理费情况。"))
                .body("latestVersion", equalTo(2));
    }

    @Test
    void ruleViolationsAreAllListedWithNumbersAndNothingIsStored() {
        String code = registerDepartment(SUIZHOU_COUNTY);
        ObjectNode report = pingtan();
        ((ObjectNode) report.at("/requests/new")).put("naturalPerson", 72);          // breaks R1 and R3 on row "new"
        ((ObjectNode) report.at("/reviewAndLitigation/adminReview")).put("total", 3); // breaks R4
        file(code, 2022, report).then().statusCode(422)
                .contentType("application/problem+json")
                .body("status", equalTo(422))
                .body("detail", containsString("未保存"))
                .body("errors.rule", hasItem("R1"))
                .body("errors.rule", hasItem("R3"))
                .body("errors.rule", hasItem("R4"))
                .body("errors.find { it.rule == 'R1' }.message", containsString("73"))
                .body("errors.find { it.rule == 'R4' }.cell", equalTo("reviewAndLitigation.adminReview.total"));
        given().spec(asAgency(code)).get("/api/v1/reports/2022/{code}", code).then().statusCode(404);
    }

    @Test
    void outcomesThatDoNotAddUpToTheTotalBreakR2() {
        String code = registerDepartment(SUIZHOU_COUNTY);
        ObjectNode report = pingtan();
        // move one request from "granted" to nowhere, keeping R3 on that row but breaking R2 in two columns
        ((ObjectNode) report.at("/requests/granted")).put("naturalPerson", 20).put("total", 20);
        file(code, 2022, report).then().statusCode(422)
                .body("errors.rule", hasItem("R2"))
                .body("errors.find { it.rule == 'R2' }.cell", containsString("requests.totalHandled"));
    }

    @Test
    void negativeAndFractionalCountsBreakR5() {
        String code = registerDepartment(SUIZHOU_COUNTY);
        ObjectNode report = pingtan();
        ((ObjectNode) report.at("/activeDisclosure/licensing")).put("decisions", -1);
        ((ObjectNode) report.at("/activeDisclosure/penalties")).put("decisions", 2.5);
        ((ObjectNode) report.at("/activeDisclosure/fees")).put("amount10kYuan", -0.5);
        file(code, 2022, report).then().statusCode(422)
                .body("errors.findAll { it.rule == 'R5' }.cell", hasItem("activeDisclosure.licensing.decisions"))
                .body("errors.findAll { it.rule == 'R5' }.cell", hasItem("activeDisclosure.penalties.decisions"))
                .body("errors.findAll { it.rule == 'R5' }.cell", hasItem("activeDisclosure.fees.amount10kYuan"));
    }

    @Test
    void formatMustFitTheYear() {
        String code = registerDepartment(SUIZHOU_COUNTY);
        file(code, 2020, pingtan()).then().statusCode(422)
                .body("errors.cell", hasItem("format"))
                .body("errors.find { it.cell == 'format' }.message", containsString("2019"));
    }

    @Test
    void missingCellAndMalformedJsonAreExplained() {
        String code = registerDepartment(SUIZHOU_COUNTY);
        ObjectNode report = pingtan();
        ((ObjectNode) report.at("/requests/new")).remove("business");
        file(code, 2022, report).then().statusCode(422).body("errors.cell", hasItem("requests.new.business"));
        given().spec(asAgency(code)).contentType(ContentType.JSON).body("{\"format\": \"2021\",")
                .put("/api/v1/reports/2022/{code}", code)
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("JSON"));
    }

    @Test
    void yearNotYetOverIsRefused() {
        String code = registerDepartment(SUIZHOU_COUNTY);
        int thisYear = java.time.ZonedDateTime.now(org.ogi.format.Deadlines.ZONE).getYear();
        file(code, thisYear, pingtan()).then().statusCode(422).body("detail", containsString("报告年度"));
    }

    @Test
    void carriedOverDifferingFromLastYearsCarriedForwardIsAStoredWarning() {
        String code = registerDepartment(SUIZHOU_COUNTY);
        ObjectNode previous = pingtan();
        // last year carried 0 forward; this year's report says 1 was carried over -> R6 on naturalPerson and total
        file(code, 2021, previous).then().statusCode(201);
        file(code, 2022, pingtan()).then().statusCode(201)
                .body("findings.rule", hasItem("R6"))
                .body("findings.find { it.rule == 'R6' }.severity", equalTo("WARNING"));
        given().spec(asAgency(code)).get("/api/v1/reports/2022/{code}", code)
                .then().statusCode(200).body("findings.rule", hasItem("R6"));
    }

    @Test
    void inForceNotFollowingLastYearIsAnR7Warning() {
        String code = registerDepartment(SUIZHOU_COUNTY);
        ObjectNode previous = pingtan();
        ((ObjectNode) previous.at("/requests/carriedForward")).put("naturalPerson", 1).put("total", 1);
        ((ObjectNode) previous.at("/requests/totalHandled")).put("naturalPerson", 71).put("total", 74);
        ((ObjectNode) previous.at("/requests/granted")).put("naturalPerson", 20).put("total", 20);
        file(code, 2021, previous).then().statusCode(201);
        // Pingtan: 698 in force after 88 issued and 55 repealed, so last year had 665; last year here says 698 -> R7
        file(code, 2022, pingtan()).then().statusCode(201)
                .body("findings.rule", hasItem("R7"))
                .body("findings.rule", org.hamcrest.Matchers.not(hasItem("R6")));
    }

    @Test
    void deadlineAndTimelinessFollowTheStatuteInBeijingTime() {
        String code = registerDepartment(SUIZHOU_COUNTY);
        // 2023-01-31 23:30 in Beijing is still on time for a department
        given().spec(asAdmin()).header("X-Ogi-Received-At", "2023-01-31T15:30:00Z").contentType(ContentType.JSON)
                .body(pingtan().toString()).put("/api/v1/reports/2022/{code}", code)
                .then().statusCode(201).body("deadline", equalTo("2023-01-31")).body("onTime", equalTo(true))
                .body("receivedAt", equalTo("2023-01-31T15:30:00Z"));
        String late = registerDepartment(SUIZHOU_COUNTY);
        // 2023-01-31T16:30Z is 00:30 on 1 February in Beijing: late
        given().spec(asAdmin()).header("X-Ogi-Received-At", "2023-01-31T16:30:00Z").contentType(ContentType.JSON)
                .body(pingtan().toString()).put("/api/v1/reports/2022/{code}", late)
                .then().statusCode(201).body("onTime", equalTo(false));
        String government = Fixtures.registerAgency(SUIZHOU_COUNTY, "GOVERNMENT", "测试区人民政府");
        given().spec(asAdmin()).header("X-Ogi-Received-At", "2023-03-20T02:00:00Z").contentType(ContentType.JSON)
                .body(pingtan().toString()).put("/api/v1/reports/2022/{code}", government)
                .then().statusCode(201).body("deadline", equalTo("2023-03-31")).body("onTime", equalTo(true));
    }

    @Test
    void dryRunReportsErrorsAndWarningsAndStoresNothing() {
        String code = registerDepartment(SUIZHOU_COUNTY);
        ObjectNode bad = pingtan();
        ((ObjectNode) bad.at("/requests/new")).put("total", 75);
        given().spec(asAgency(code)).contentType(ContentType.JSON).body(bad.toString())
                .post("/api/v1/reports/2022/{code}/validation", code)
                .then().statusCode(200).body("valid", equalTo(false)).body("errors.rule", hasItem("R3"));
        given().spec(asAgency(code)).contentType(ContentType.JSON).body(pingtan().toString())
                .post("/api/v1/reports/2022/{code}/validation", code)
                .then().statusCode(200).body("valid", equalTo(true)).body("errors", empty());
        given().spec(asAgency(code)).get("/api/v1/reports/2022/{code}", code).then().statusCode(404);
    }

    @Test
    void legacyReportCarriesTextAndFigures() {
        String code = registerDepartment(SUIZHOU_COUNTY);
        String body = """
                {"format":"legacy","text":"随州市工商局2017年政府信息公开工作年度报告……","proactiveItemsPublished":800,
                 "applicationsReceived":42,"feesCollectedYuan":0,"adminReviewCases":0,"litigationCases":null}""";
        given().spec(asAgency(code)).contentType(ContentType.JSON).body(body).put("/api/v1/reports/2017/{code}", code)
                .then().statusCode(201).body("format", equalTo("legacy")).body("deadline", equalTo("2018-03-31"))
                .body("report.applicationsReceived", equalTo(42));
    }

    static io.restassured.response.Response file(String code, int year, ObjectNode body) {
        return given().spec(asAgency(code)).contentType(ContentType.JSON).body(body.toString())
                .put("/api/v1/reports/{year}/{code}", year, code);
    }
}
