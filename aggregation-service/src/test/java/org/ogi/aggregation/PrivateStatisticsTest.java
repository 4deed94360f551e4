package org.ogi.aggregation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ogi.stack.StackTestResource;

/** With {@code ogi.statistics.public=false} the statistics need a token, of any role. */
@QuarkusTest
@TestProfile(PrivateStatisticsTest.Private.class)
@WithTestResource(value = StackTestResource.class, initArgs = @ResourceArg(name = "database", value = "aggregation"))
class PrivateStatisticsTest {

    public static class Private implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ogi.statistics.public", "false");
        }
    }

    @Test
    void anAnonymousReaderIsRefusedWithAProblem() {
        given().when().get("/api/v1/statistics/2022/regions/000000").then().statusCode(401)
                .contentType("application/problem+json").body("detail", equalTo("需要有效的身份令牌（Authorization: Bearer …）"));
    }

    @Test
    void aReaderWithAnyRoleIsServed() {
        given().auth().oauth2(StackTestResource.stack().tokens().agency("11500000009275780L"))
                .when().get("/api/v1/statistics/2022/regions/000000").then().statusCode(200)
                .body("region", equalTo("000000"));
    }
}
