package org.ogi.submission;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.ogi.submission.Fixtures.asAgency;
import static org.ogi.submission.Fixtures.asSupervisor;
import static org.ogi.submission.Fixtures.registerDepartment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.ogi.stack.StackTestResource;

@QuarkusTest
@WithTestResource(value = StackTestResource.class, initArgs = @ResourceArg(name = "database", value = "submission"))
class LegacyAndQualityTest {

    static final String SUIZHOU = "421300";

    @Test
    void extractionOfTheThreeRealPagesMatchesExpectedJsonIncludingRegion() throws IOException {
        JsonNode expected = Fixtures.JSON.readTree(resource("expected.json"));
        String agency = registerDepartment(SUIZHOU);
        List<String> misses = new ArrayList<>();
        int fields = 0;
        for (var it = expected.fieldNames(); it.hasNext(); ) {
            String file = it.next();
            if (file.startsWith("_")) {
                continue;
            }
            JsonNode want = expected.get(file);
            String body = given().spec(asAgency(agency)).contentType("text/plain; charset=UTF-8").body(resource(file))
                    .post("/api/v1/legacy-reports/extraction").then().statusCode(200).extract().asString();
            JsonNode got = Fixtures.JSON.readTree(body);
            List<String[]> compared = new ArrayList<>();
            compared.add(new String[] {"documentType", want.get("documentType").asText(), got.get("documentType").asText()});
            if (want.get("documentType").asText().equals("ANNUAL_REPORT")) {
                for (String f : List.of("agencyName", "regionCode", "reportYear", "signedOn", "publishedOn")) {
                    if (want.has(f)) {
                        compared.add(new String[] {f, want.get(f).asText(), got.get(f).asText()});
                    }
                }
                want.get("metrics").fields().forEachRemaining(e -> {
                    JsonNode m = got.get("metrics").get(e.getKey());
                    compared.add(new String[] {e.getKey(), e.getValue().isNull() ? "null" : e.getValue().get("value").asText()
                            + "/" + e.getValue().get("approximate").asText(),
                            m.isNull() ? "null" : m.get("value").asText() + "/" + m.get("approximate").asText()});
                });
                compared.add(new String[] {"missingSections", want.get("missingSections").toString(),
                        got.get("missingSections").toString()});
                compared.add(new String[] {"findings", String.valueOf(want.get("findings").size()),
                        String.valueOf(got.get("findings").size())});
            } else {
                compared.add(new String[] {"reason given", "true", String.valueOf(got.get("reason").asText().length() > 10)});
            }
            fields += compared.size();
            for (String[] c : compared) {
                if (!c[1].equals(c[2])) {
                    misses.add(file + " " + c[0] + ": expected " + c[1] + ", got " + c[2]);
                }
            }
        }
        System.out.printf("legacy extraction score via REST: %d/%d fields%n", fields - misses.size(), fields);
        assertEquals(List.of(), misses);
    }

    @Test
    void gbkHtmlPageIsDecodedStrippedAndConvertedToSimplified() {
        String agency = registerDepartment(SUIZHOU);
        String html = "<html><head><meta charset=\"gbk\"><style>p{}</style><script>var a='<p>';</script></head><body>"
                + "<div class=nav>设为首页</div><h1>随州市財政局2016年度政府信息公開工作年度報告</h1>"
                + "<p>现将随州市财政局2016年度政府信息公开工作情况报告如下：</p><p>一、主动公开政府信息情况</p>"
                + "<p>全年主动公开政府信息１２３０条。共收到政府信息公开申请四十二件。</p></body></html>";
        // no charset in Content-Type (RestAssured would add ISO-8859-1): the page's <meta charset> must be honoured
        given().spec(asAgency(agency)).config(RestAssured.config().encoderConfig(EncoderConfig.encoderConfig()
                        .appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .contentType("text/html").body(html.getBytes(Charset.forName("GBK")))
                .post("/api/v1/legacy-reports/extraction").then().statusCode(200)
                .body("documentType", equalTo("ANNUAL_REPORT"))
                .body("agencyName", equalTo("随州市财政局"))
                .body("regionCode", equalTo(SUIZHOU))
                .body("reportYear", equalTo(2016))
                .body("metrics.proactiveItemsPublished.value", equalTo(1230))
                .body("metrics.applicationsReceived.value", equalTo(42))
                .body("metrics.applicationsReceived.evidence.quote", containsString("四十二件"))
                .body("metrics.feesCollectedYuan", nullValue())
                .body("text", not(containsString("设为首页")));
    }

    @Test
    void extractionRefusesAnEmptyPageAndAnonymousCallers() {
        String agency = registerDepartment(SUIZHOU);
        given().spec(asAgency(agency)).contentType("text/plain").body(new byte[0])
                .post("/api/v1/legacy-reports/extraction").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("请求体为空"));
        given().contentType("text/plain").body("某局2016年度政府信息公开工作年度报告")
                .post("/api/v1/legacy-reports/extraction").then().statusCode(401);
    }

    @Test
    void legacyFilingOfAWorkPlanOrAnotherYearIsRefusedWithTheReason() throws IOException {
        String agency = registerDepartment(SUIZHOU);
        ObjectNode plan = legacy(new String(resource("zhuzhou-aic-2017-plan.txt"), StandardCharsets.UTF_8));
        file(agency, 2017, plan).then().statusCode(422)
                .body("errors.rule", hasItem("WRONG_DOCUMENT_TYPE"))
                .body("errors.find { it.rule == 'WRONG_DOCUMENT_TYPE' }.message", containsString("方案"));
        ObjectNode report = legacy(new String(resource("suizhou-aic-2018.txt"), StandardCharsets.UTF_8));
        file(agency, 2017, report).then().statusCode(422)
                .body("errors.rule", hasItem("WRONG_YEAR"))
                .body("errors.find { it.rule == 'WRONG_YEAR' }.message", containsString("2018"));
        given().spec(asAgency(agency)).get("/api/v1/reports/2017/{code}", agency).then().statusCode(404);
    }

    @Test
    void confirmedLegacyExtractionFilesWithItsWarnings() throws IOException {
        String agency = registerDepartment(SUIZHOU);
        ObjectNode report = legacy(new String(resource("xuancheng-commerce-2015.txt"), StandardCharsets.UTF_8));
        report.put("proactiveItemsPublished", 1300); // the text says 1389 in its section on proactive disclosure
        report.put("adminReviewCases", 0);
        file(agency, 2015, report).then().statusCode(201)
                .body("format", equalTo("legacy"))
                .body("findings.rule", hasItem("MISSING_SECTION"))
                .body("findings.rule", hasItem("WRONG_DOCUMENT_TYPE"))
                .body("findings.rule", hasItem("R8"))
                .body("findings.findAll { it.rule == 'R8' }.cell", everyItem(equalTo("proactiveItemsPublished")));
    }

    @Test
    void nearDuplicateOfAnotherAgencysReportIsNamedAndListedForTheSupervisor() {
        String region = "421303";
        String first = registerDepartment(region);
        String second = registerDepartment(region);
        String unique = UUID.randomUUID().toString();
        ObjectNode a = Fixtures.pingtan();
        a.put("overview", distinctive(unique) + a.get("overview").asText());
        ObjectNode b = a.deepCopy();
        b.put("overview", b.get("overview").asText().replace("平潭综合实验区", "某某县"));
        file(first, 2019 + 3, a).then().statusCode(201);
        file(second, 2022, b).then().statusCode(201)
                .body("findings.rule", hasItem("NEAR_DUPLICATE"))
                .body("findings.find { it.rule == 'NEAR_DUPLICATE' }.message", containsString(first));
        given().spec(asSupervisor(region)).queryParam("year", 2022).queryParam("kind", "NEAR_DUPLICATE")
                .get("/api/v1/quality-findings").then().statusCode(200)
                .body("items.agencyCode", hasItem(second))
                .body("items.rule", everyItem(equalTo("NEAR_DUPLICATE")));
        given().spec(asSupervisor("420100")).queryParam("year", 2022).get("/api/v1/quality-findings")
                .then().statusCode(200).body("items.agencyCode", not(hasItem(second)));
        given().spec(asSupervisor("420100")).queryParam("region", region).get("/api/v1/quality-findings")
                .then().statusCode(403);
    }

    @Test
    void tableFormatWithoutItsProblemsSectionIsRefused() {
        String agency = registerDepartment(SUIZHOU);
        ObjectNode report = Fixtures.pingtan();
        report.put("problemsAndImprovements", "  ");
        file(agency, 2022, report).then().statusCode(422)
                .body("errors.find { it.rule == 'MISSING_SECTION' }.cell", equalTo("problemsAndImprovements"));
    }

    /** A long sentence unique to one test run, so only the planted pair is similar. */
    private static String distinctive(String seed) {
        StringBuilder s = new StringBuilder();
        String pool = "规范管理监督考核平台栏目目录指南解读回应培训制度标准基层政务服务便民";
        for (int i = 0; i < 80; i++) {
            s.append(pool.charAt(Math.floorMod((seed + i).hashCode(), pool.length())));
        }
        return s + "。";
    }

    private static ObjectNode legacy(String text) {
        ObjectNode body = Fixtures.JSON.createObjectNode();
        body.put("format", "legacy");
        body.put("text", text);
        return body;
    }

    private static io.restassured.response.Response file(String code, int year, ObjectNode body) {
        return given().spec(asAgency(code)).contentType(ContentType.JSON).body(body.toString())
                .put("/api/v1/reports/{year}/{code}", year, code);
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = LegacyAndQualityTest.class.getResourceAsStream("/legacy/" + name)) {
            return in.readAllBytes();
        }
    }
}
