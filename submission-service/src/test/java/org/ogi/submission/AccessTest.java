package org.ogi.submission;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.ogi.submission.Fixtures.asSupervisor;
import static org.ogi.submission.Fixtures.pingtan;
import static org.ogi.submission.Fixtures.registerDepartment;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.ogi.stack.StackTestResource;

/**
 * What a supervisor's listing contains: its subtree only, filterable by status. The status of every endpoint for every
 * caller kind is in {@link org.ogi.submission.security.AccessMatrixTest}.
 */
@QuarkusTest
@WithTestResource(value = StackTestResource.class, initArgs = @ResourceArg(name = "database", value = "submission"))
class AccessTest {

    @Test
    void aSupervisorSeesItsSubtreeOnly() {
        String code = registerDepartment("341802");
        FilingTest.file(code, 2022, pingtan()).then().statusCode(201);
        given().spec(asSupervisor("341800")).get("/api/v1/reports/2022/{code}", code).then().statusCode(200);
        given().spec(asSupervisor("340000")).get("/api/v1/reports/2022/{code}", code).then().statusCode(200);
        given().spec(asSupervisor("421300")).get("/api/v1/reports/2022/{code}", code).then().statusCode(403);
        given().spec(asSupervisor("341821")).get("/api/v1/reports/2022/{code}", code).then().statusCode(403);

        given().spec(asSupervisor("341800")).queryParam("year", 2022).get("/api/v1/reports")
                .then().statusCode(200)
                .body("items.agencyCode", hasItem(code))
                .body("items.regionCode", everyItem(startsWith("3418")))
                .body("total", greaterThanOrEqualTo(1));
        given().spec(asSupervisor("421300")).queryParam("year", 2022).get("/api/v1/reports")
                .then().statusCode(200).body("items.agencyCode", not(hasItem(code)));
        given().spec(asSupervisor("421300")).queryParam("region", "341800").get("/api/v1/reports").then().statusCode(403);
    }

    @Test
    void listingFiltersByStatus() {
        String code = registerDepartment("341823");
        FilingTest.file(code, 2022, pingtan()).then().statusCode(201);
        ReviewTest.review(code, "341800", "ACCEPT", null).then().statusCode(200);
        given().spec(asSupervisor("341800")).queryParam("year", 2022).queryParam("status", "ACCEPTED")
                .queryParam("region", "341823").get("/api/v1/reports")
                .then().statusCode(200).body("items.agencyCode", hasItem(code)).body("items.status", everyItem(equalTo("ACCEPTED")));
    }
}
