package org.ogi.submission;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ogi.submission.Fixtures.asAdmin;
import static org.ogi.submission.Fixtures.newAgencyCode;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.ogi.format.Topics;
import org.ogi.stack.StackTestResource;

@QuarkusTest
@WithTestResource(value = StackTestResource.class, initArgs = @ResourceArg(name = "database", value = "submission"))
class RegistryTest {

    @Test
    void regionsComeFromTheNationalTableWithRetiredCodes() {
        given().get("/api/v1/regions/421300").then().statusCode(200)
                .body("name", equalTo("随州市")).body("level", equalTo("PREFECTURE")).body("parentCode", equalTo("420000"));
        given().get("/api/v1/regions/421300/children").then().statusCode(200)
                .body("code", hasItems("421303", "421321", "421381"));
        given().get("/api/v1/regions/430221").then().statusCode(200)
                .body("name", equalTo("株洲县")).body("validTo", equalTo("2018-06-30"));
        given().get("/api/v1/regions/000000/children").then().statusCode(200).body("code", hasItem("420000"));
        given().get("/api/v1/regions/999999").then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("999999"));
    }

    @Test
    void badAgencyCodesAndRegionsAreRejectedWithTheReason() {
        String valid = newAgencyCode("421300");
        String wrongCheck = valid.substring(0, 17) + (valid.charAt(17) == '0' ? '1' : '0');
        given().spec(asAdmin()).contentType(ContentType.JSON)
                .body("{\"name\":\"随州市某局\",\"regionCode\":\"429999\",\"kind\":\"AGENCY\",\"validFrom\":\"2020-13-01\"}")
                .put("/api/v1/agencies/{code}", wrongCheck)
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItems("code", "regionCode", "kind", "validFrom"))
                .body("errors.find { it.field == 'code' }.message", containsString("校验"))
                .body("errors.find { it.field == 'regionCode' }.message", containsString("429999"));
        given().spec(asAdmin()).get("/api/v1/agencies/{code}", wrongCheck).then().statusCode(404);
    }

    @Test
    void csvImportIsAllOrNothingAndListsEveryBadLine() {
        String a = newAgencyCode("341800");
        String b = newAgencyCode("341800");
        String csv = "code,name,regionCode,kind,contactEmail\n"
                + a + ",宣城市测试局,341800,DEPARTMENT,a@example.gov.cn\n"
                + b + ",宣城市另一局,340000X,DEPARTMENT,not-an-email\n";
        given().spec(asAdmin()).contentType("text/csv; charset=UTF-8").body(csv).post("/api/v1/agencies/import")
                .then().statusCode(422)
                .body("errors.line", hasItem(3))
                .body("errors.field", hasItems("regionCode", "contactEmail"));
        given().spec(asAdmin()).get("/api/v1/agencies/{code}", a).then().statusCode(404);

        String fixed = "\uFEFFcode,name,regionCode,kind,contactEmail\n"
                + a + ",宣城市测试局,341800,DEPARTMENT,a@example.gov.cn\n"
                + b + ",宣城市另一局,341802,DEPARTMENT,\n";
        given().spec(asAdmin()).contentType("text/csv; charset=UTF-8").body(fixed).post("/api/v1/agencies/import")
                .then().log().ifValidationFails().statusCode(200).body("created", equalTo(2)).body("updated", equalTo(0));
        given().spec(asAdmin()).contentType("text/csv; charset=UTF-8").body(fixed).post("/api/v1/agencies/import")
                .then().statusCode(200).body("created", equalTo(0)).body("unchanged", equalTo(2));
        given().spec(asAdmin()).queryParam("region", "341800").queryParam("size", 1000).get("/api/v1/agencies")
                .then().statusCode(200).body("items.code", hasItems(a, b));
    }

    @Test
    void everyAgencyChangeIsPublishedWholeWithItsDefaultSupervisor() throws Exception {
        String region = "421381";
        String department = Fixtures.registerAgency(region, "DEPARTMENT", "广水市测试局");
        String government = Fixtures.registerAgency(region, "GOVERNMENT", "广水市人民政府（测试）");
        given().spec(asAdmin()).get("/api/v1/agencies/{code}", department).then().statusCode(200)
                .body("effectiveSupervisorCode", equalTo(government));

        List<ConsumerRecord<String, String>> events = EventProbe.read(Topics.AGENCIES, Set.of(department)::contains,
                found -> found.stream().anyMatch(r -> r.value().contains(government)), Duration.ofSeconds(30));
        assertTrue(events.size() >= 2, "the department's creation and its republication when its government appeared");
        JsonNode last = Fixtures.JSON.readTree(events.get(events.size() - 1).value());
        assertEquals("AgencyUpserted", last.get("type").asText());
        assertEquals(department, last.at("/agency/code").asText());
        assertEquals("广水市测试局", last.at("/agency/name").asText());
        assertEquals(region, last.at("/agency/regionCode").asText());
        assertEquals(government, last.at("/agency/supervisorCode").asText());
        assertTrue(last.hasNonNull("eventId") && last.hasNonNull("occurredAt"));
    }
}
