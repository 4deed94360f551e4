package org.ogi.submission.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.ogi.submission.Fixtures.pingtan;
import static org.ogi.submission.Fixtures.registerDepartment;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ogi.stack.StackTestResource;
import org.ogi.stack.Tokens;
import org.ogi.stack.access.AccessMatrix;

/**
 * The authorization matrix of src/test/resources/access-matrix.tsv: each endpoint as each of six caller kinds, on
 * fresh data, gets the status of its row (an error as a problem body); and every endpoint of the OpenAPI document
 * has a row.
 */
@QuarkusTest
@WithTestResource(value = StackTestResource.class, initArgs = @ResourceArg(name = "database", value = "submission"))
class AccessMatrixTest {

    static final String REGION = "421303";
    static final String INSIDE = "421300";
    static final String OUTSIDE = "341800";
    static final int YEAR = 2022;

    static List<AccessMatrix.Row> rows() {
        return AccessMatrix.read(AccessMatrixTest.class.getResourceAsStream("/access-matrix.tsv"));
    }

    static List<AccessMatrix.Cell> cells() {
        return AccessMatrix.cells(rows());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void eachCallerGetsTheStatusOfTheTable(AccessMatrix.Cell cell) {
        String code = registerDepartment(REGION);
        AccessMatrix.Row row = cell.row();
        boolean onAFiledReport = row.path().startsWith("/api/v1/reports/{year}/{code}/") && !row.path().endsWith("/validation");
        if (onAFiledReport || row.path().equals("/api/v1/reports/{year}/{code}") && row.method().equals("GET")) {
            given().header("Authorization", "Bearer " + tokens().agency(code)).contentType(ContentType.JSON)
                    .body(pingtan().toString()).put("/api/v1/reports/{y}/{c}", YEAR, code).then().statusCode(201);
        }
        String path = row.path().replace("{year}", String.valueOf(YEAR)).replace("{code}", code).replace("{region}", REGION)
                .replace("{version}", "1");
        Response response = body(as(cell.caller(), code), row.body(), code).request(row.method(), path);
        assertEquals(Optional.empty(),
                AccessMatrix.wrong(cell, response.statusCode(), response.contentType(), response.asString()));
    }

    @Test
    void everyEndpointOfTheApiHasARow() {
        String openApi = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
        assertEquals(AccessMatrix.CALLERS.size() * rows().size(), cells().size());
        System.out.println(AccessMatrix.requireComplete("submission-service", openApi, rows(), "/q/"));
    }

    private static RequestSpecification as(String caller, String code) {
        RequestSpecification spec = given();
        String token = switch (caller) {
            case "anonymous" -> null;
            case "agency-own" -> tokens().agency(code);
            case "agency-other" -> tokens().agency(registerDepartment(REGION));
            case "supervisor-inside" -> tokens().supervisor(INSIDE);
            case "supervisor-outside" -> tokens().supervisor(OUTSIDE);
            case "admin" -> tokens().admin();
            default -> throw new IllegalArgumentException(caller);
        };
        return token == null ? spec : spec.header("Authorization", "Bearer " + token);
    }

    private static RequestSpecification body(RequestSpecification spec, String body, String code) {
        return switch (body) {
            case "-" -> spec;
            case "report" -> spec.contentType(ContentType.JSON).body(pingtan().toString());
            case "backdated" -> spec.header("X-Ogi-Received-At", "2023-01-20T02:00:00Z").contentType(ContentType.JSON)
                    .body(pingtan().toString());
            case "review" -> spec.contentType(ContentType.JSON).body("{\"decision\":\"RETURN\",\"comment\":\"请补充数据来源\"}");
            case "agency" -> spec.contentType(ContentType.JSON)
                    .body("{\"name\":\"曾都区矩阵测试局\",\"regionCode\":\"" + REGION + "\",\"kind\":\"DEPARTMENT\"}");
            case "csv" -> spec.contentType("text/csv").body("code,name,regionCode,kind\n" + code + ",曾都区矩阵导入局," + REGION
                    + ",DEPARTMENT\n");
            case "page" -> spec.contentType("text/plain").body("随州市曾都区财政局2016年度政府信息公开工作年度报告");
            default -> throw new IllegalArgumentException("unknown body " + body);
        };
    }

    private static Tokens tokens() {
        return StackTestResource.stack().tokens();
    }
}
