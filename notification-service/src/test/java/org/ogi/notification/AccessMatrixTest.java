package org.ogi.notification;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ogi.format.AgencyKind;
import org.ogi.stack.StackTestResource;
import org.ogi.stack.Tokens;
import org.ogi.stack.access.AccessMatrix;

/** The authorization matrix of src/test/resources/access-matrix.tsv, and a row for every OpenAPI endpoint. */
@QuarkusTest
@WithTestResource(value = StackTestResource.class, initArgs = @ResourceArg(name = "database", value = "notification"))
@WithTestResource(MailTestResource.class)
class AccessMatrixTest {

    static final int YEAR = 2048;
    private static String own;
    private static String other;

    static List<AccessMatrix.Row> rows() {
        return AccessMatrix.read(AccessMatrixTest.class.getResourceAsStream("/access-matrix.tsv"));
    }

    static List<AccessMatrix.Cell> cells() {
        return AccessMatrix.cells(rows());
    }

    /** Two agencies of the county the service knows, in the matrix's own year. */
    static synchronized void seed() {
        if (own != null) {
            return;
        }
        try (World world = new World("M4T")) {
            String a = world.agency(world.code("421303", 1), "曾都区矩阵局", "421303", AgencyKind.DEPARTMENT, "m4t@zd.gov.cn",
                    null, null, YEAR).code();
            String b = world.agency(world.code("421303", 2), "曾都区另一局", "421303", AgencyKind.DEPARTMENT, "m4t-2@zd.gov.cn",
                    null, null, YEAR).code();
            world.awaitApplied();
            own = a;
            other = b;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void eachCallerGetsTheStatusOfTheTable(AccessMatrix.Cell cell) {
        seed();
        String path = cell.row().path().replace("{year}", String.valueOf(YEAR)).replace("{region}", "421303")
                .replace("{code}", own).replace("{at}", (YEAR + 1) + "-08-01T10:00:00%2B08:00");
        Response response = as(cell.caller()).urlEncodingEnabled(false).request(cell.row().method(), path);
        assertEquals(Optional.empty(),
                AccessMatrix.wrong(cell, response.statusCode(), response.contentType(), response.asString()));
    }

    @Test
    void everyEndpointOfTheApiHasARow() {
        String openApi = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
        System.out.println(AccessMatrix.requireComplete("notification-service", openApi, rows(), "/q/"));
    }

    private static RequestSpecification as(String caller) {
        Tokens tokens = StackTestResource.stack().tokens();
        String token = switch (caller) {
            case "anonymous" -> null;
            case "agency-own" -> tokens.agency(own);
            case "agency-other" -> tokens.agency(other);
            case "supervisor-inside" -> tokens.supervisor("421300");
            case "supervisor-outside" -> tokens.supervisor("341800");
            case "admin" -> tokens.admin();
            default -> throw new IllegalArgumentException(caller);
        };
        return token == null ? given() : given().header("Authorization", "Bearer " + token);
    }
}
