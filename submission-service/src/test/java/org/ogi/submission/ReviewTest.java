package org.ogi.submission;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.ogi.submission.Fixtures.asAgency;
import static org.ogi.submission.Fixtures.asSupervisor;
import static org.ogi.submission.Fixtures.pingtan;
import static org.ogi.submission.Fixtures.registerDepartment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.ogi.stack.StackTestResource;

@QuarkusTest
@WithTestResource(value = StackTestResource.class, initArgs = @ResourceArg(name = "database", value = "submission"))
class ReviewTest {

    @Test
    void acceptedReportIsLockedAndSaysByWhomAndWhen() {
        String code = registerDepartment("421321");
        FilingTest.file(code, 2022, pingtan()).then().statusCode(201);
        review(code, "421300", "ACCEPT", "数据核对无误").then().statusCode(200)
                .body("status", equalTo("ACCEPTED")).body("revision", equalTo(2))
                .body("review.reviewedBy", equalTo("supervisor-421300"));

        ObjectNode amended = pingtan();
        amended.put("otherMatters", "改动");
        FilingTest.file(code, 2022, amended).then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("审核通过并锁定"))
                .body("detail", containsString("supervisor-421300"));
        // an unchanged re-send of the accepted version is still an idempotent success
        FilingTest.file(code, 2022, pingtan()).then().statusCode(200).body("status", equalTo("ACCEPTED"));
    }

    @Test
    void returnReopensTheReportForAmendmentWithTheComment() {
        String code = registerDepartment("421321");
        FilingTest.file(code, 2022, pingtan()).then().statusCode(201);
        review(code, "420000", "RETURN", "第六部分未说明信息处理费收取情况").then().statusCode(200)
                .body("status", equalTo("RETURNED"))
                .body("review.comment", equalTo("第六部分未说明信息处理费收取情况"));
        ObjectNode amended = pingtan();
        amended.put("otherMatters", "2022年，本机关未收取信息处理费。");
        FilingTest.file(code, 2022, amended).then().statusCode(200)
                .body("version", equalTo(2)).body("status", equalTo("SUBMITTED")).body("revision", equalTo(3));
    }

    @Test
    void returnWithoutCommentAndDoubleAcceptAreRefused() {
        String code = registerDepartment("421321");
        FilingTest.file(code, 2022, pingtan()).then().statusCode(201);
        review(code, "421300", "RETURN", " ").then().statusCode(422).body("errors.field", org.hamcrest.Matchers.hasItem("comment"));
        review(code, "421300", "ACCEPT", null).then().statusCode(200);
        review(code, "421300", "ACCEPT", null).then().statusCode(409).body("detail", containsString("已审核通过"));
    }

    @Test
    void supervisorOutsideTheSubtreeCannotReview() {
        String code = registerDepartment("421321");
        FilingTest.file(code, 2022, pingtan()).then().statusCode(201);
        review(code, "341800", "ACCEPT", null).then().statusCode(403);
        given().spec(asAgency(code)).contentType(ContentType.JSON).body("{\"decision\":\"ACCEPT\"}")
                .post("/api/v1/reports/2022/{code}/review", code).then().statusCode(403);
    }

    @Test
    void aWithdrawnReportCountsAgainOnlyWhenRefiled() {
        String code = registerDepartment("421321");
        FilingTest.file(code, 2022, pingtan()).then().statusCode(201);
        given().spec(asAgency(code)).post("/api/v1/reports/2022/{code}/withdrawal", code).then().statusCode(200)
                .body("status", equalTo("WITHDRAWN")).body("revision", equalTo(2));
        FilingTest.file(code, 2022, pingtan()).then().statusCode(200)
                .body("status", equalTo("SUBMITTED")).body("version", equalTo(2)).body("revision", equalTo(3));
        review(code, "421300", "ACCEPT", null).then().statusCode(200);
        given().spec(asAgency(code)).post("/api/v1/reports/2022/{code}/withdrawal", code).then().statusCode(409);
    }

    static io.restassured.response.Response review(String code, String supervisorRegion, String decision, String comment) {
        String body = comment == null ? "{\"decision\":\"" + decision + "\"}"
                : "{\"decision\":\"" + decision + "\",\"comment\":\"" + comment + "\"}";
        return given().spec(asSupervisor(supervisorRegion)).contentType(ContentType.JSON).body(body)
                .post("/api/v1/reports/2022/{code}/review", code);
    }
}
