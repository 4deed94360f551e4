package org.ogi.submission;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.ogi.submission.Fixtures.asAdmin;
import static org.ogi.submission.Fixtures.asAgency;
import static org.ogi.submission.Fixtures.asSupervisor;
import static org.ogi.submission.Fixtures.pingtan;
import static org.ogi.submission.Fixtures.registerDepartment;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ogi.stack.StackTestResource;
import org.ogi.submission.fuzz.StoredRows;

/**
 * A year in a path is four ASCII digits: "２０２２" (full-width), "٢٠٢٢" (Arabic-Indic) or "+2022" would each read as
 * 2022 through an int path parameter and file a report under a path nobody typed. Each is a 404 problem naming the
 * rule and what was received, on every endpoint with a year, and nothing is stored; in a query it is a 400.
 */
@QuarkusTest
@WithTestResource(value = StackTestResource.class, initArgs = @ResourceArg(name = "database", value = "submission"))
class YearSegmentTest {

    private static final List<String> NOT_ASCII_YEARS = List.of("２０２２", "٢٠٢٢", "+2022", "02022", "２02２");

    @Test
    void aFilingUnderAFullWidthYearIsRefusedAndNothingIsStored() {
        String code = registerDepartment("421303");
        Map<String, Long> before = StoredRows.count();
        for (String year : NOT_ASCII_YEARS) {
            given().spec(asAgency(code)).contentType(ContentType.JSON).body(pingtan().toString())
                    .put("/api/v1/reports/{year}/{code}", year, code)
                    .then().statusCode(404).contentType("application/problem+json")
                    .body("detail", equalTo("找不到该资源：请求路径中的年度须为4位阿拉伯数字（0-9，如 2024），收到：「" + year + "」"));
        }
        assertEquals(before, StoredRows.count(), "rows stored by refused filings");
        given().spec(asAgency(code)).get("/api/v1/reports/2022/{code}", code).then().statusCode(404)
                .body("detail", containsString("尚未报送2022年度报告"));
        // the same report under the ASCII year is the agency's first version
        given().spec(asAgency(code)).contentType(ContentType.JSON).body(pingtan().toString())
                .put("/api/v1/reports/2022/{code}", code).then().statusCode(201).body("version", equalTo(1));
    }

    @Test
    void everyEndpointWithAYearInItsPathRefusesOneThatIsNotAsciiDigits() {
        String code = registerDepartment("421303");
        given().spec(asAgency(code)).contentType(ContentType.JSON).body(pingtan().toString())
                .put("/api/v1/reports/2022/{code}", code).then().statusCode(201);
        Map<String, Long> before = StoredRows.count();
        String review = "{\"decision\":\"ACCEPT\"}";
        for (String year : NOT_ASCII_YEARS) {
            problem(given().spec(asAgency(code)).get("/api/v1/reports/{y}/{c}", year, code).then(), year);
            problem(given().spec(asAgency(code)).get("/api/v1/reports/{y}/{c}/versions", year, code).then(), year);
            problem(given().spec(asAgency(code)).get("/api/v1/reports/{y}/{c}/versions/1", year, code).then(), year);
            problem(given().spec(asAgency(code)).contentType(ContentType.JSON).body(pingtan().toString())
                    .post("/api/v1/reports/{y}/{c}/validation", year, code).then(), year);
            problem(given().spec(asAgency(code)).post("/api/v1/reports/{y}/{c}/withdrawal", year, code).then(), year);
            problem(given().spec(asSupervisor("421300")).contentType(ContentType.JSON).body(review)
                    .post("/api/v1/reports/{y}/{c}/review", year, code).then(), year);
        }
        assertEquals(before, StoredRows.count(), "rows stored by refused withdrawals or reviews");
        given().spec(asAgency(code)).get("/api/v1/reports/2022/{code}", code).then().statusCode(200)
                .body("status", equalTo("SUBMITTED"));
    }

    @Test
    void aVersionNumberIsAsciiDigitsToo() {
        String code = registerDepartment("421303");
        given().spec(asAgency(code)).contentType(ContentType.JSON).body(pingtan().toString())
                .put("/api/v1/reports/2022/{code}", code).then().statusCode(201);
        given().spec(asAgency(code)).get("/api/v1/reports/2022/{c}/versions/{v}", code, "１").then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("版本号须为阿拉伯数字"));
        given().spec(asAgency(code)).get("/api/v1/reports/2022/{c}/versions/1", code).then().statusCode(200)
                .body("version", equalTo(1));
    }

    @Test
    void aYearInAQueryIsAsciiDigitsToo() {
        for (String path : List.of("/api/v1/reports", "/api/v1/quality-findings")) {
            given().spec(asAdmin()).queryParam("year", "２０２２").get(path).then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("detail", equalTo("查询参数 year 无效：年度须为4位阿拉伯数字（0-9，如 2024），收到：「２０２２」"));
            given().spec(asAdmin()).queryParam("year", "2022").get(path).then().statusCode(200);
        }
    }

    private static void problem(ValidatableResponse response, String year) {
        response.statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("年度须为4位阿拉伯数字")).body("detail", containsString(year));
    }
}
