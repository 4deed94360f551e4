package org.ogi.submission;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.ogi.submission.Fixtures.asAdmin;
import static org.ogi.submission.Fixtures.asAgency;
import static org.ogi.submission.Fixtures.asSupervisor;
import static org.ogi.submission.Fixtures.pingtan;
import static org.ogi.submission.Fixtures.registerDepartment;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.ogi.stack.StackTestResource;

/** Every role boundary: no token, another agency's code, a supervisor outside its subtree, admin-only operations. */
@QuarkusTest
@WithTestResource(value = StackTestResource.class, initArgs = @ResourceArg(name = "database", value = "submission"))
class AccessTest {

    @Test
    void withoutATokenFilingIsUnauthorized() {
        String code = registerDepartment("341802");
        given().contentType(ContentType.JSON).body(pingtan().toString()).put("/api/v1/reports/2022/{code}", code)
                .then().statusCode(401).contentType("application/problem+json");
        given().get("/api/v1/reports/2022/{code}", code).then().statusCode(401);
    }

    @Test
    void anAgencyCannotFileOrReadForAnother() {
        String a = registerDepartment("341802");
        String b = registerDepartment("341802");
        given().spec(asAgency(a)).contentType(ContentType.JSON).body(pingtan().toString())
                .put("/api/v1/reports/2022/{code}", b)
                .then().statusCode(403).contentType("application/problem+json");
        FilingTest.file(b, 2022, pingtan()).then().statusCode(201);
        given().spec(asAgency(a)).get("/api/v1/reports/2022/{code}", b).then().statusCode(403);
        given().spec(asAgency(a)).get("/api/v1/reports").then().statusCode(403);
    }

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

    @Test
    void onlyAnAdminChangesTheRegistryOrBackdatesAFiling() {
        String code = registerDepartment("341802");
        String body = "{\"name\":\"某局\",\"regionCode\":\"341802\",\"kind\":\"DEPARTMENT\"}";
        given().spec(asAgency(code)).contentType(ContentType.JSON).body(body).put("/api/v1/agencies/{c}", code)
                .then().statusCode(403);
        given().spec(asSupervisor("341800")).contentType("text/csv").body("code,name,regionCode,kind\n")
                .post("/api/v1/agencies/import").then().statusCode(403);
        given().spec(asAgency(code)).header("X-Ogi-Received-At", "2023-01-01T00:00:00Z").contentType(ContentType.JSON)
                .body(pingtan().toString()).put("/api/v1/reports/2022/{code}", code).then().statusCode(403);
        given().spec(asAdmin()).contentType(ContentType.JSON).body(body).put("/api/v1/agencies/{c}", code)
                .then().statusCode(200);
    }
}
