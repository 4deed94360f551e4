package org.ogi.submission;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ogi.submission.Fixtures.asAgency;
import static org.ogi.submission.Fixtures.asSupervisor;
import static org.ogi.submission.Fixtures.registerDepartment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.ogi.stack.StackTestResource;

/**
 * The near-duplicate index through the real filing path: hundreds of distinct generated narratives filed for one year
 * (the only test filing 2024), one of them copied by another agency with its name and numbers changed. The copy is
 * found through the band index and no other pair is reported. A second test crowds every band of one template with
 * more reports than the lookup reads per band (the only test filing 2025).
 */
@QuarkusTest
@WithTestResource(value = StackTestResource.class, initArgs = @ResourceArg(name = "database", value = "submission"))
class NearDuplicateScaleTest {

    static final int YEAR = 2024;
    static final String REGION = "421381"; // 广水市
    static final int REPORTS = 200;
    static final String POOL = "政府信息公开工作主动依申请平台建设监督保障规范性文件解读回应关切政务服务网站新媒体培训考核制度"
            + "目录指南标准化基层重点领域决策预算决算财政资金项目审批许可处罚强制收费采购民生就业教育医疗";

    @Test
    void plantedCopyAmongHundredsOfDistinctReportsIsTheOnlyPairFound() {
        Random random = new Random(20240131L);
        List<String> codes = new ArrayList<>();
        String copied = null;
        for (int i = 0; i < REPORTS; i++) {
            String code = registerDepartment(REGION);
            codes.add(code);
            String overview = YEAR + "年，本机关认真贯彻落实《中华人民共和国政府信息公开条例》。" + sentences(random, 10);
            if (i == 77) {
                copied = overview;
            }
            file(code, overview);
        }
        String copier = registerDepartment(REGION);
        file(copier, copied.replace("本机关", "本局") + "另补充一句说明。");

        List<Object> found = given().spec(asSupervisor(REGION)).queryParam("year", YEAR).queryParam("kind", "NEAR_DUPLICATE")
                .queryParam("size", 1000).get("/api/v1/quality-findings")
                .then().statusCode(200).extract().jsonPath().getList("items.agencyCode");
        assertEquals(List.of(copier), found);
        String message = given().spec(asSupervisor(REGION)).queryParam("year", YEAR).queryParam("kind", "NEAR_DUPLICATE")
                .get("/api/v1/quality-findings").then().extract().jsonPath().getString("items[0].message");
        assertEquals(Set.of(codes.get(77)), codes.stream().filter(message::contains).collect(Collectors.toSet()));
    }

    @Test
    void copyOfATemplateThatCrowdsEveryBandIsStillFlaggedWithTheMostSimilarFew() {
        int year = 2025;
        String template = year + "年，本机关认真贯彻落实《中华人民共和国政府信息公开条例》。" + sentences(new Random(2025L), 10);
        int crowd = 40;
        assertTrue(crowd > 32, "more filings than the lookup reads per band key");
        List<Integer> flagged = new ArrayList<>();
        for (int i = 0; i < crowd; i++) {
            String code = registerDepartment("421303"); // 曾都区
            flagged.add(nearDuplicates(file(code, year, template + "（" + i + "）")).size());
        }
        assertEquals(0, flagged.get(0));
        assertEquals(List.of(1, 2, 3, 4, 5, 5), flagged.subList(1, 7));
        String late = registerDepartment("421303");
        List<String> messages = nearDuplicates(file(late, year, template));
        assertEquals(5, messages.size(), "the five most similar of the 40 are named: " + messages);
        assertTrue(messages.stream().allMatch(m -> m.contains("2025年度报告高度相似")), messages.toString());
    }

    private static List<String> nearDuplicates(JsonPath response) {
        return response.<Map<String, String>>getList("findings").stream()
                .filter(f -> "NEAR_DUPLICATE".equals(f.get("rule"))).map(f -> f.get("message")).toList();
    }

    private static String sentences(Random random, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 16; j++) {
                s.append(POOL.charAt(random.nextInt(POOL.length())));
            }
            s.append('。');
        }
        return s.toString();
    }

    private static void file(String code, String overview) {
        file(code, YEAR, overview);
    }

    private static JsonPath file(String code, int year, String overview) {
        ObjectNode body = Fixtures.pingtan();
        body.put("overview", overview);
        body.put("problemsAndImprovements", "存在的主要问题及改进情况见上。");
        body.put("otherMatters", "本年度未收取信息处理费。");
        return given().spec(asAgency(code)).contentType(ContentType.JSON).body(body.toString())
                .put("/api/v1/reports/{year}/{code}", year, code).then().statusCode(201).extract().jsonPath();
    }
}
