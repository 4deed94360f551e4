package org.ogi.notification;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ogi.stack.ForgedTokens;
import org.ogi.stack.StackTestResource;

/** Every kind of bad admin token is refused with a 401 problem on every endpoint; no chase runs. */
@QuarkusTest
@WithTestResource(value = StackTestResource.class, initArgs = @ResourceArg(name = "database", value = "notification"))
@WithTestResource(MailTestResource.class)
class RefusedTokenTest {

    @Test
    void expiredNotYetValidForeignUnsignedAndGarbageTokensGet401Problems() {
        Map<String, String> forged = ForgedTokens.refusedAdminTokens(StackTestResource.stack().tokens());
        assertEquals(7, forged.size());
        forged.forEach((defect, token) -> {
            given().header("Authorization", "Bearer " + token).queryParam("at", "2049-08-01T10:00:00+08:00")
                    .post("/api/v1/chase-runs")
                    .then().log().ifValidationFails().statusCode(401).contentType("application/problem+json")
                    .body("detail", containsString("令牌"));
            given().header("Authorization", "Bearer " + token).get("/api/v1/late-filers")
                    .then().log().ifValidationFails().statusCode(401).contentType("application/problem+json");
            given().header("Authorization", "Bearer " + token).queryParam("agencyCode", "11421303MB0000001X")
                    .get("/api/v1/notifications")
                    .then().log().ifValidationFails().statusCode(401).contentType("application/problem+json");
        });
    }
}
