package org.ogi.submission.fuzz;

import static org.ogi.submission.Fixtures.pingtan;
import static org.ogi.submission.Fixtures.registerDepartment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.ogi.stack.StackTestResource;
import org.ogi.stack.fuzz.Hostile;
import org.ogi.stack.fuzz.MalformedCase;
import org.ogi.stack.fuzz.MalformedJson;

/**
 * Thousands of generated malformed filings (the real Pingtan 2022 report and a real 2015 legacy report, one defect
 * each) and dry runs, plus hostile path parameters: every filing is refused with a 4xx problem that names the field,
 * cell or line and no Java class, and no table gains a row; a dry run answers 4xx or lists the error with its cell.
 */
@QuarkusTest
@WithTestResource(value = StackTestResource.class, initArgs = @ResourceArg(name = "database", value = "submission"))
class FilingFuzzTest {

    static final Set<String> NARRATIVE = Set.of("overview", "problemsAndImprovements", "otherMatters");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void malformedFilingsOfThe2021FormatAreRefusedAndNothingIsStored() {
        String code = registerDepartment("421303");
        String token = StackTestResource.stack().tokens().agency(code);
        FuzzRun run = new FuzzRun("PUT /api/v1/reports/{year}/{code} (2021 format)");
        MalformedJson cases = new MalformedJson(pingtan(), NARRATIVE, Set.of("activeDisclosure.fees.amount10kYuan"), Set.of(),
                20260131L);
        for (int i = 0; i < 3_000; i++) {
            run.send(token, cases.next(), "PUT", "/api/v1/reports/2022/" + code);
        }
        run.assertAllRefusedAndNothingStored(3_000);
    }

    @Test
    void malformedLegacyFilingsAreRefusedAndNothingIsStored() throws IOException {
        String code = registerDepartment("341802");
        String token = StackTestResource.stack().tokens().agency(code);
        FuzzRun run = new FuzzRun("PUT /api/v1/reports/{year}/{code} (legacy format)");
        // the five figures are optional: null when the report does not state them
        MalformedJson cases = new MalformedJson(legacy(), Set.of("text"), Set.of("feesCollectedYuan"),
                Set.of("proactiveItemsPublished", "applicationsReceived", "feesCollectedYuan", "adminReviewCases",
                        "litigationCases"), 2015L);
        for (int i = 0; i < 1_200; i++) {
            run.send(token, cases.next(), "PUT", "/api/v1/reports/2015/" + code);
        }
        run.assertAllRefusedAndNothingStored(1_200);
    }

    @Test
    void hostilePathParametersOfAFilingAreRefused() {
        String code = registerDepartment("421303");
        String admin = StackTestResource.stack().tokens().admin();
        FuzzRun run = new FuzzRun("PUT /api/v1/reports/{year}/{code} (path parameters)");
        Random random = new Random(49L);
        byte[] body = pingtan().toString().getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 300; i++) {
            String value = Hostile.pick(Hostile.PARAMETERS, random);
            boolean year = random.nextBoolean();
            MalformedCase c = new MalformedCase((year ? "year " : "code ") + value, names(value, year), body,
                    "application/json");
            run.send(admin, c, "PUT", year ? "/api/v1/reports/" + encode(value) + "/" + code
                    : "/api/v1/reports/2022/" + encode(value));
        }
        run.assertAllRefusedAndNothingStored(300);
    }

    @Test
    void malformedDryRunsAreRefusedOrListTheErrorAndNothingIsStored() {
        String code = registerDepartment("421303");
        String token = StackTestResource.stack().tokens().agency(code);
        FuzzRun run = new FuzzRun("POST /api/v1/reports/{year}/{code}/validation");
        MalformedJson cases = new MalformedJson(pingtan(), NARRATIVE, Set.of("activeDisclosure.fees.amount10kYuan"), Set.of(),
                1859L);
        for (int i = 0; i < 1_500; i++) {
            MalformedCase c = cases.next();
            // the dry run's contract: a report a filing would refuse is a 200 with valid=false and its errors
            run.send(token, c, "POST", "/api/v1/reports/2022/" + code + "/validation",
                    r -> r.text().contains("\"valid\":false") && c.names().stream().anyMatch(r.text()::contains));
        }
        run.assertAllRefusedAndNothingStored(1_500);
    }

    /** A bad year or code is named back (a blank one is named by what it should have been). */
    static List<String> names(String value, boolean year) {
        List<String> kind = year ? List.of("年度", "路径") : List.of("机构");
        return value.isBlank() ? java.util.stream.Stream.concat(java.util.stream.Stream.of("路径"), kind.stream()).toList() : java.util.stream.Stream.concat(java.util.stream.Stream.of(value, encode(value)),
                kind.stream()).toList();
    }

    static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static ObjectNode legacy() throws IOException {
        try (InputStream in = FilingFuzzTest.class.getResourceAsStream("/legacy/xuancheng-commerce-2015.txt")) {
            ObjectNode body = JSON.createObjectNode();
            body.put("format", "legacy");
            body.put("text", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            body.put("proactiveItemsPublished", 1389);
            body.put("applicationsReceived", 12);
            body.put("feesCollectedYuan", 0.5);
            body.put("adminReviewCases", 0);
            body.put("litigationCases", 1);
            return body;
        }
    }
}
