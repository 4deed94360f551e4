package org.ogi.submission;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ogi.submission.Fixtures.asAdmin;
import static org.ogi.submission.Fixtures.asAgency;
import static org.ogi.submission.Fixtures.asSupervisor;
import static org.ogi.submission.Fixtures.newAgencyCode;
import static org.ogi.submission.Fixtures.registerDepartment;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ogi.stack.StackTestResource;

/**
 * Who sees which agencies of the registry (design.md §Security): an agency itself only, a supervisor its subtree, admin
 * all. The status of each endpoint for each caller kind is also in the access matrix; here, what the lists contain.
 */
@QuarkusTest
@WithTestResource(value = StackTestResource.class, initArgs = @ResourceArg(name = "database", value = "submission"))
class AgencyVisibilityTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void anAgencyListsItselfOnly() {
        String own = registerDepartment("421303");
        String neighbour = registerDepartment("421303");
        for (String region : new String[] {null, "421303", "421300", "420000", "000000"}) {
            var request = given().spec(asAgency(own));
            if (region != null) {
                request.queryParam("region", region);
            }
            request.get("/api/v1/agencies").then().statusCode(200)
                    .body("total", equalTo(1)).body("items.code", equalTo(List.of(own)));
        }
        given().spec(asAgency(own)).queryParam("page", 1).get("/api/v1/agencies").then().statusCode(200)
                .body("total", equalTo(1)).body("items", equalTo(List.of()));
        given().spec(asAgency(own)).get("/api/v1/agencies/{code}", own).then().statusCode(200)
                .body("code", equalTo(own));
        given().spec(asAgency(own)).get("/api/v1/agencies/{code}", neighbour).then().statusCode(403)
                .contentType(PROBLEM).body("detail", containsString("只能查看本机构"));
    }

    @Test
    void anAgencyAskingForARegionWithoutItIsRefused() {
        String own = registerDepartment("421303");
        given().spec(asAgency(own)).queryParam("region", "341800").get("/api/v1/agencies").then().statusCode(403)
                .contentType(PROBLEM).body("detail", containsString("341800")).body("detail", containsString("只能查看本机构"));
        given().spec(asAgency(own)).queryParam("region", "421321").get("/api/v1/agencies").then().statusCode(403)
                .contentType(PROBLEM);
        given().spec(asAgency(own)).queryParam("region", "42130X").get("/api/v1/agencies").then().statusCode(400)
                .contentType(PROBLEM).body("detail", containsString("六位行政区划代码"));
        given().spec(asAgency(own)).queryParam("region", "999999").get("/api/v1/agencies").then().statusCode(404)
                .contentType(PROBLEM).body("detail", containsString("999999"));
    }

    @Test
    void aSupervisorListsItsSubtreeOnly() {
        String inside = registerDepartment("421303");
        String outside = registerDepartment("341802");
        // without a region: its own subtree, not the nation
        given().spec(asSupervisor("421300")).queryParam("size", 1000).get("/api/v1/agencies").then().statusCode(200)
                .body("items.code", hasItem(inside)).body("items.code", not(hasItem(outside)))
                .body("items.regionCode", everyItem(startsWith("4213")));
        int subtree = given().spec(asAdmin()).queryParam("region", "421300").get("/api/v1/agencies").then().statusCode(200)
                .extract().path("total");
        int seen = given().spec(asSupervisor("421300")).get("/api/v1/agencies").then().extract().path("total");
        assertEquals(subtree, seen, "the supervisor's total is its subtree's");
        given().spec(asSupervisor("421300")).queryParam("region", "421303").get("/api/v1/agencies").then().statusCode(200)
                .body("items.code", hasItem(inside)).body("items.regionCode", everyItem(equalTo("421303")));
        for (String foreign : new String[] {"341800", "420000", "000000", "421000"}) {
            given().spec(asSupervisor("421300")).queryParam("region", foreign).get("/api/v1/agencies").then()
                    .statusCode(403).contentType(PROBLEM)
                    .body("detail", equalTo("行政区划 " + foreign + " 不在本主管部门（421300）的管辖范围内"));
        }
        given().spec(asSupervisor("421300")).get("/api/v1/agencies/{code}", inside).then().statusCode(200)
                .body("regionCode", equalTo("421303"));
        given().spec(asSupervisor("421300")).get("/api/v1/agencies/{code}", outside).then().statusCode(403)
                .contentType(PROBLEM).body("detail", containsString("管辖范围"));
        // an unregistered code is refused as one outside the subtree is: no probing of the registry
        given().spec(asSupervisor("421300")).get("/api/v1/agencies/{code}", newAgencyCode("421303")).then().statusCode(403);
    }

    @Test
    void adminListsEveryRegion() {
        String a = registerDepartment("421303");
        String b = registerDepartment("341802");
        given().spec(asAdmin()).queryParam("region", "421303").queryParam("size", 1000).get("/api/v1/agencies").then()
                .statusCode(200).body("items.code", hasItem(a));
        given().spec(asAdmin()).queryParam("region", "341802").queryParam("size", 1000).get("/api/v1/agencies").then()
                .statusCode(200).body("items.code", hasItem(b));
        int nation = given().spec(asAdmin()).get("/api/v1/agencies").then().statusCode(200).extract().path("total");
        int explicit = given().spec(asAdmin()).queryParam("region", "000000").get("/api/v1/agencies").then().statusCode(200)
                .extract().path("total");
        int hubei = given().spec(asAdmin()).queryParam("region", "420000").get("/api/v1/agencies").then().extract().path("total");
        int anhui = given().spec(asAdmin()).queryParam("region", "340000").get("/api/v1/agencies").then().extract().path("total");
        assertEquals(nation, explicit, "without a region, admin lists the nation");
        assertTrue(hubei >= 1 && anhui >= 1 && nation >= hubei + anhui, nation + " ≥ " + hubei + " + " + anhui);
        given().spec(asAdmin()).get("/api/v1/agencies/{code}", b).then().statusCode(200);
        given().spec(asAdmin()).get("/api/v1/agencies/{code}", newAgencyCode("341802")).then().statusCode(404)
                .contentType(PROBLEM).body("detail", containsString("未登记"));
    }
}
