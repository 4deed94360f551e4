package org.ogi.submission.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ogi.stack.ForgedTokens;
import org.ogi.stack.StackTestResource;

/** Every kind of bad token is refused with 401 and a problem body, on reads and on writes. */
@QuarkusTest
@WithTestResource(value = StackTestResource.class, initArgs = @ResourceArg(name = "database", value = "submission"))
class RefusedTokenTest {

    @Test
    void expiredNotYetValidForeignUnsignedAndGarbageTokensGet401Problems() {
        Map<String, String> forged = ForgedTokens.refusedAdminTokens(StackTestResource.stack().tokens());
        org.junit.jupiter.api.Assertions.assertEquals(7, forged.size());
        forged.forEach((defect, token) -> {
            for (String path : new String[] {"/api/v1/agencies", "/api/v1/reports"}) {
                given().header("Authorization", "Bearer " + token).get(path)
                        .then().log().ifValidationFails().statusCode(401).contentType("application/problem+json")
                        .body("detail", containsString("令牌")).body(not(containsString("Exception")));
            }
            given().header("Authorization", "Bearer " + token).contentType("text/csv").body("code,name,regionCode,kind\n")
                    .post("/api/v1/agencies/import")
                    .then().log().ifValidationFails().statusCode(401).contentType("application/problem+json");
        });
        given().header("Authorization", "Bearer " + StackTestResource.stack().tokens().admin()).get("/api/v1/agencies")
                .then().statusCode(200);
    }
}
