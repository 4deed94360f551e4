package org.ogi.submission.fuzz;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.ogi.submission.Fixtures.asAgency;
import static org.ogi.submission.Fixtures.pingtan;
import static org.ogi.submission.Fixtures.registerDepartment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.ogi.stack.StackTestResource;
import org.ogi.stack.fuzz.Hostile;
import org.ogi.stack.fuzz.MalformedCase;
import org.ogi.stack.fuzz.MalformedJson;

/** Malformed reviews, withdrawals with hostile path parameters, and legacy extraction requests that cannot be read. */
@QuarkusTest
@WithTestResource(value = StackTestResource.class, initArgs = @ResourceArg(name = "database", value = "submission"))
class ReviewAndExtractionFuzzTest {

    @Test
    void malformedReviewsAreRefusedAndTheReportIsUnchanged() {
        String code = registerDepartment("421303");
        given().spec(asAgency(code)).contentType(ContentType.JSON).body(pingtan().toString())
                .put("/api/v1/reports/2022/{code}", code).then().statusCode(201);
        String supervisor = StackTestResource.stack().tokens().supervisor("421300");
        ObjectNode base = new ObjectMapper().createObjectNode().put("decision", "RETURN").put("comment", "请补充第二部分的数据来源");
        FuzzRun run = new FuzzRun("POST /api/v1/reports/{year}/{code}/review");
        MalformedJson cases = new MalformedJson(base, Set.of("comment"), Set.of(), Set.of(), 8L);
        for (int i = 0; i < 900; i++) {
            MalformedCase c = cases.next();
            // an empty or null body is refused as a review without its decision: naming "decision" names it
            List<String> names = java.util.stream.Stream.concat(c.names().stream(), java.util.stream.Stream.of("decision")).toList();
            run.send(supervisor, new MalformedCase(c.defect(), names, c.body(), c.contentType()), "POST",
                    "/api/v1/reports/2022/" + code + "/review");
        }
        run.assertAllRefusedAndNothingStored(900);
        given().spec(asAgency(code)).get("/api/v1/reports/2022/{code}", code).then().statusCode(200)
                .body("status", equalTo("SUBMITTED")).body("version", equalTo(1));
    }

    @Test
    void withdrawalsWithHostilePathParametersAreRefused() {
        String code = registerDepartment("421303");
        given().spec(asAgency(code)).contentType(ContentType.JSON).body(pingtan().toString())
                .put("/api/v1/reports/2022/{code}", code).then().statusCode(201);
        String token = StackTestResource.stack().tokens().agency(code);
        FuzzRun run = new FuzzRun("POST /api/v1/reports/{year}/{code}/withdrawal");
        Random random = new Random(50L);
        for (int i = 0; i < 500; i++) {
            String value = Hostile.pick(Hostile.PARAMETERS, random);
            boolean year = random.nextBoolean();
            String path = year ? "/api/v1/reports/" + FilingFuzzTest.encode(value) + "/" + code + "/withdrawal"
                    : "/api/v1/reports/2022/" + FilingFuzzTest.encode(value) + "/withdrawal";
            run.send(token, new MalformedCase((year ? "year " : "code ") + value, FilingFuzzTest.names(value, year), null, null),
                    "POST", path);
        }
        run.assertAllRefusedAndNothingStored(500);
        given().spec(asAgency(code)).get("/api/v1/reports/2022/{code}", code).then().statusCode(200)
                .body("status", equalTo("SUBMITTED"));
    }

    @Test
    void extractionRequestsThatCannotBeReadAreRefused() {
        String token = StackTestResource.stack().tokens().agency(registerDepartment("421303"));
        byte[] page = "随州市曾都区财政局2016年度政府信息公开工作年度报告".getBytes(StandardCharsets.UTF_8);
        FuzzRun run = new FuzzRun("POST /api/v1/legacy-reports/extraction");
        Random random = new Random(2008L);
        for (int i = 0; i < 400; i++) {
            MalformedCase c = switch (random.nextInt(3)) {
                case 0 -> new MalformedCase("empty page", List.of("请求体为空"), new byte[0],
                        Hostile.pick(List.of("text/plain", "text/html"), random));
                case 1 -> {
                    String type = Hostile.pick(List.of("application/json", "application/xml", "image/png",
                            "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "text/csv"), random);
                    yield new MalformedCase("content type " + type, List.of(type.split(";")[0]), page, type);
                }
                default -> {
                    String charset = Hostile.pick(List.of("klingon", "utf-99", "x-unknown-1", "ebcdic-xx"), random);
                    yield new MalformedCase("charset " + charset, List.of(charset), page, "text/plain; charset=" + charset);
                }
            };
            run.send(token, c, "POST", "/api/v1/legacy-reports/extraction");
        }
        run.assertAllRefusedAndNothingStored(400);
    }
}
