package org.ogi.aggregation;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ogi.stack.StackTestResource;
import org.ogi.stack.Tokens;
import org.ogi.stack.access.AccessMatrix;

/** The authorization matrix of src/test/resources/access-matrix.tsv, and a row for every OpenAPI endpoint. */
@QuarkusTest
@WithTestResource(value = StackTestResource.class, initArgs = @ResourceArg(name = "database", value = "aggregation"))
class AccessMatrixTest {

    static List<AccessMatrix.Row> rows() {
        return AccessMatrix.read(AccessMatrixTest.class.getResourceAsStream("/access-matrix.tsv"));
    }

    static List<AccessMatrix.Cell> cells() {
        return AccessMatrix.cells(rows());
    }

    private static boolean seeded;

    /** One agency in the county, so that its statistics exist (an empty region is a 404). */
    static synchronized void seed() {
        if (seeded) {
            return;
        }
        try (TestEvents events = new TestEvents()) {
            TestEvents.await(events.agency(Fixtures.agency(Fixtures.agencyCode("421303"), "421303", LocalDate.of(2020, 1, 1),
                    null), Instant.now()));
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> given().get("/api/v1/statistics/2022/regions/421303").statusCode() == 200);
        seeded = true;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void eachCallerGetsTheStatusOfTheTable(AccessMatrix.Cell cell) {
        seed();
        String path = cell.row().path().replace("{year}", "2022").replace("{region}", "421303");
        Response response = as(cell.caller()).request(cell.row().method(), path);
        assertEquals(Optional.empty(),
                AccessMatrix.wrong(cell, response.statusCode(), response.contentType(), response.asString()));
    }

    @Test
    void everyEndpointOfTheApiHasARow() {
        String openApi = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
        System.out.println(AccessMatrix.requireComplete("aggregation-service", openApi, rows(), "/q/", "/test-only/"));
    }

    private static RequestSpecification as(String caller) {
        Tokens tokens = StackTestResource.stack().tokens();
        String token = switch (caller) {
            case "anonymous" -> null;
            case "agency-own" -> tokens.agency("11421303MB0000001X");
            case "agency-other" -> tokens.agency("11341802MB0000002X");
            case "supervisor-inside" -> tokens.supervisor("421300");
            case "supervisor-outside" -> tokens.supervisor("341800");
            case "admin" -> tokens.admin();
            default -> throw new IllegalArgumentException(caller);
        };
        return token == null ? given() : given().header("Authorization", "Bearer " + token);
    }
}
