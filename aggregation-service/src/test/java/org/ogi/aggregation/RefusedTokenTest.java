package org.ogi.aggregation;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ogi.stack.ForgedTokens;
import org.ogi.stack.StackTestResource;

/**
 * Every kind of bad admin token is refused with a 401 problem where a token is needed (the rebuild). The statistics
 * are public: there no token is read at all (quarkus.http.auth.proactive=false), so a bad one changes nothing.
 */
@QuarkusTest
@WithTestResource(value = StackTestResource.class, initArgs = @ResourceArg(name = "database", value = "aggregation"))
class RefusedTokenTest {

    @Test
    void expiredNotYetValidForeignUnsignedAndGarbageTokensGet401Problems() {
        Map<String, String> forged = ForgedTokens.refusedAdminTokens(StackTestResource.stack().tokens());
        assertEquals(7, forged.size());
        forged.forEach((defect, token) -> given().header("Authorization", "Bearer " + token)
                .post("/api/v1/statistics/rebuild")
                .then().log().ifValidationFails().statusCode(401).contentType("application/problem+json")
                .body("detail", containsString("令牌")).header("WWW-Authenticate", "Bearer"));
    }
}
