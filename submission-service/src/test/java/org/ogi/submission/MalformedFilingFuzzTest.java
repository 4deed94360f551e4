package org.ogi.submission;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ogi.submission.Fixtures.pingtan;
import static org.ogi.submission.Fixtures.registerDepartment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.ogi.stack.StackTestResource;

/**
 * Thousands of generated malformed filings of the real Pingtan report (one defect each: a wrong type, a negative or
 * fractional count, a huge number, a missing or unknown field, deep nesting, broken JSON or UTF-8, a wrong content
 * type): every one must be refused with a 4xx problem body that names no Java class, and none may be stored.
 */
@QuarkusTest
@WithTestResource(value = StackTestResource.class, initArgs = @ResourceArg(name = "database", value = "submission"))
class MalformedFilingFuzzTest {

    private static final int REQUESTS = 3_000;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String DEEP = "__deep__";

    /** A defect and the request body (and content type) that carries it. */
    private record Case(String defect, byte[] body, String contentType) {
    }

    @Test
    void everyMalformedFilingIsRefusedWithAProblemAndNothingIsStored() {
        String code = registerDepartment("421303");
        String token = StackTestResource.stack().tokens().agency(code);
        ObjectNode base = pingtan();
        List<String> leaves = new ArrayList<>();
        collectLeaves(base, "", leaves);
        Random random = new Random(20260131L);
        Map<String, Integer> statuses = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            Case c = generate(base, leaves, random);
            Response response = given().header("Authorization", "Bearer " + token)
                    .contentType(c.contentType()).body(c.body())
                    .put("/api/v1/reports/2022/{code}", code);
            int status = response.statusCode();
            statuses.merge(status / 100 + "xx", 1, Integer::sum);
            String text = response.asString();
            boolean problem = response.contentType() != null && response.contentType().startsWith("application/problem+json")
                    && text.contains("\"detail\"");
            boolean leaks = text.contains("Exception") || text.contains("at org.") || text.contains("java.")
                    || text.contains("com.fasterxml");
            if (status < 400 || status >= 500 || !problem || leaks) {
                if (wrong.size() < 10) {
                    wrong.add(c.defect() + " -> " + status + " " + (text.length() > 300 ? text.substring(0, 300) : text));
                }
            }
        }
        assertTrue(wrong.isEmpty(), "answers that are not a 4xx problem without internals: " + wrong + " " + statuses);
        assertEquals(Map.of("4xx", REQUESTS), statuses);
        given().header("Authorization", "Bearer " + token).get("/api/v1/reports/2022/{code}", code)
                .then().statusCode(404);
    }

    private static Case generate(ObjectNode base, List<String> leaves, Random random) {
        int kind = random.nextInt(14);
        if (kind >= 10) {
            return raw(base, kind, random);
        }
        ObjectNode body = base.deepCopy();
        String path = leaves.get(random.nextInt(leaves.size()));
        while ((kind == 2 || kind == 3) && path.endsWith("amount10kYuan")) {
            path = leaves.get(random.nextInt(leaves.size())); // the fee is a decimal: a fraction or 1e20 is a valid fee
        }
        JsonNode value = switch (kind) {
            case 0 -> NODES.textNode(random.nextBoolean() ? "abc" : "'; drop table report; --");
            case 1 -> NODES.numberNode(-1 - random.nextInt(1000));
            case 2 -> NODES.numberNode(1.5 + random.nextInt(100));
            case 3 -> NODES.numberNode(new java.math.BigDecimal("1e" + (20 + random.nextInt(300))));
            case 4 -> NODES.booleanNode(random.nextBoolean());
            case 5 -> NODES.arrayNode().add(1);
            case 6 -> NODES.objectNode().put("x", 1);
            case 7 -> NODES.textNode(DEEP); // replaced by deeply nested arrays in the text below
            case 8 -> null; // remove the field
            default -> NODES.textNode("<script>alert(1)</script>");
        };
        set(body, path, value);
        String json = body.toString();
        if (kind == 7) {
            int depth = random.nextBoolean() ? 200 : 5_000;
            json = json.replace("\"" + DEEP + "\"", "[".repeat(depth) + "]".repeat(depth));
        }
        return new Case(kind + " at " + path, bytes(json), "application/json");
    }

    /** Defects of the request itself rather than of one value. */
    private static Case raw(ObjectNode base, int kind, Random random) {
        String json = base.toString();
        return switch (kind) {
            case 10 -> new Case("truncated JSON", bytes(json.substring(0, 1 + random.nextInt(json.length() - 2))),
                    "application/json");
            case 11 -> new Case("NaN token", bytes(json.replaceFirst("\"total\":\\d+", "\"total\":NaN")), "application/json");
            case 12 -> {
                byte[] b = bytes(json);
                byte[] broken = new byte[b.length + 2];
                System.arraycopy(b, 0, broken, 0, b.length / 2);
                broken[b.length / 2] = (byte) 0xC3; // a UTF-8 lead byte followed by no continuation byte
                broken[b.length / 2 + 1] = (byte) 0x28;
                System.arraycopy(b, b.length / 2, broken, b.length / 2 + 2, b.length - b.length / 2);
                yield new Case("invalid UTF-8", broken, "application/json");
            }
            default -> new Case("unknown field", bytes(((ObjectNode) base.deepCopy()).put("unknownField" + random.nextInt(9), 1)
                    .toString()), random.nextBoolean() ? "application/json" : "text/plain");
        };
    }

    private static void collectLeaves(JsonNode node, String prefix, List<String> out) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            if (e.getValue().isObject()) {
                collectLeaves(e.getValue(), path, out);
            } else if (e.getValue().isNumber()) {
                out.add(path);
            }
        }
    }

    private static void set(ObjectNode root, String path, JsonNode value) {
        String[] parts = path.split("\\.");
        ObjectNode at = root;
        for (int i = 0; i < parts.length - 1; i++) {
            at = (ObjectNode) at.get(parts[i]);
        }
        if (value == null) {
            at.remove(parts[parts.length - 1]);
        } else {
            at.set(parts[parts.length - 1], value);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
