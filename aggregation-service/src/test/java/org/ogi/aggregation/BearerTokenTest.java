package org.ogi.aggregation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;
import org.ogi.stack.StackTestResource;

/** The stack's tokens are accepted by the service's JWT configuration: the key, the issuer and the groups claim. */
@QuarkusTest
@WithTestResource(value = StackTestResource.class, initArgs = @ResourceArg(name = "database", value = "aggregation"))
class BearerTokenTest {

    @Test
    void acceptsAnAgencyTokenFromTheTestStack() {
        given().auth().oauth2(StackTestResource.stack().tokens().agency("11500000009275780L"))
                .when().get("/test-only/agency-code")
                .then().statusCode(200).body(equalTo("11500000009275780L"));
    }

    @Test
    void refusesARequestWithoutAToken() {
        given().when().get("/test-only/agency-code").then().statusCode(401);
    }

    @Test
    void refusesATokenWithoutTheAgencyRole() {
        given().auth().oauth2(StackTestResource.stack().tokens().supervisor("421300"))
                .when().get("/test-only/agency-code")
                .then().statusCode(403);
    }

    /** Exists only in the test application. */
    @Path("/test-only/agency-code")
    public static class AgencyCodeResource {

        private final JsonWebToken jwt;

        public AgencyCodeResource(JsonWebToken jwt) {
            this.jwt = jwt;
        }

        @GET
        @RolesAllowed("agency")
        public String agencyCode() {
            return jwt.getClaim("agency_code");
        }
    }
}
