package org.ogi.stack.fuzz;

import static org.ogi.stack.fuzz.Hostile.pick;
import static org.ogi.stack.fuzz.Hostile.utf8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Malformed variants of one valid JSON request body, one defect each, deterministic from the seed: a value of the
 * wrong type, a negative, fractional or huge number where a count belongs, an injection string where a code or enum
 * belongs, a missing or unknown field, deep nesting, or a defect of the body itself (truncated, NaN, invalid UTF-8,
 * trailing garbage, not an object, empty, wrong content type).
 *
 * <p>The caller says which string fields are free text (any string is valid there), which numbers are decimals
 * (fractions and big values are valid) and which fields are optional (absent or null is valid).
 */
public final class MalformedJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String DEEP = "__deep__";
    private static final List<String> BODY_NAMES = List.of("JSON", "请求体");

    private enum Kind { INTEGER, DECIMAL, TEXT, TOKEN }

    private record Leaf(String path, Kind kind, boolean optional) {
        String name() {
            return path.substring(path.lastIndexOf('.') + 1);
        }
    }

    private final ObjectNode base;
    private final List<Leaf> leaves = new ArrayList<>();
    private final List<String> objects = new ArrayList<>();
    private final Random random;

    public MalformedJson(ObjectNode base, Set<String> freeText, Set<String> decimals, Set<String> optional, long seed) {
        this.base = base.deepCopy();
        this.random = new Random(seed);
        objects.add("");
        collect(this.base, "", freeText, decimals, optional);
    }

    /** The next malformed body: about three in four spoil one field, the rest the body itself. */
    public MalformedCase next() {
        return random.nextInt(4) == 0 ? body() : field(pick(leaves, random));
    }

    private MalformedCase field(Leaf leaf) {
        List<String> names = List.of(leaf.path(), leaf.name());
        String what;
        JsonNode value;
        int choice = random.nextInt(13);
        switch (leaf.kind()) {
            case INTEGER -> {
                switch (choice) {
                    case 0, 1 -> { value = NODES.numberNode(-1 - random.nextInt(1000)); what = "negative count"; }
                    case 2, 3 -> { value = NODES.numberNode(new BigDecimal(1 + random.nextInt(99) + ".5")); what = "fraction"; }
                    case 4 -> { value = NODES.numberNode(new BigDecimal("1e" + (19 + random.nextInt(300)))); what = "huge"; }
                    case 5 -> { value = NODES.numberNode(new BigDecimal("9223372036854775808")); what = "2^63"; }
                    case 6, 7 -> { value = NODES.textNode(pick(Hostile.INJECTIONS, random)); what = "injection string"; }
                    default -> { value = wrongType(choice - 8); what = "wrong type"; }
                }
            }
            case DECIMAL -> {
                if (choice < 4) {
                    value = NODES.numberNode(new BigDecimal("-" + (1 + random.nextInt(99)) + ".25"));
                    what = "negative decimal";
                } else if (choice < 6) {
                    value = NODES.textNode(pick(Hostile.INJECTIONS, random));
                    what = "injection string";
                } else {
                    value = wrongType((choice - 6) % 5);
                    what = "wrong type";
                }
            }
            case TEXT -> {
                value = wrongType(random.nextInt(6));
                what = "not text";
            }
            default -> {
                if (choice < 5) {
                    value = NODES.textNode(pick(Hostile.INJECTIONS, random));
                    what = "injection string";
                } else if (choice == 5) {
                    value = NODES.textNode("X".repeat(5_000));
                    what = "5,000 characters";
                } else {
                    value = wrongType((choice - 6) % 6);
                    what = "wrong type";
                }
            }
        }
        if (value != null && value.isTextual() && DEEP.equals(value.asText())) {
            what = "deep nesting";
        }
        if (value == null || value.isNull()) {
            what = value == null ? "missing" : "null";
        }
        if ((value == null || value.isNull()) && leaf.optional()) {
            value = NODES.arrayNode().add(1); // absent is valid for an optional field: spoil it another way
            what = "array";
        }
        ObjectNode body = base.deepCopy();
        set(body, leaf.path(), value);
        String json = body.toString();
        if ("deep nesting".equals(what)) {
            int depth = random.nextBoolean() ? 200 : 5_000;
            json = json.replace("\"" + DEEP + "\"", "[".repeat(depth) + "]".repeat(depth));
            names = List.of(leaf.path(), leaf.name(), "JSON");
        }
        return new MalformedCase(what + " at " + leaf.path(), names, utf8(json), "application/json");
    }

    /** 0-3: a boolean, an array, an object, deep nesting; 4: null or absent (null result); 5: a number. */
    private JsonNode wrongType(int choice) {
        return switch (choice) {
            case 0 -> NODES.booleanNode(random.nextBoolean());
            case 1 -> NODES.arrayNode().add(1).add("x");
            case 2 -> NODES.objectNode().put("x", 1);
            case 3 -> NODES.textNode(DEEP);
            case 4 -> random.nextBoolean() ? NODES.nullNode() : null;
            default -> NODES.numberNode(random.nextInt(100));
        };
    }

    private MalformedCase body() {
        String json = base.toString();
        return switch (random.nextInt(12)) {
            case 0 -> new MalformedCase("truncated", BODY_NAMES, utf8(json.substring(0, 1 + random.nextInt(json.length() - 2))),
                    "application/json");
            case 1 -> {
                String token = pick(List.of("NaN", "Infinity", "-Infinity", "0x10", "+1", "01"), random);
                yield new MalformedCase(token + " token", BODY_NAMES, utf8(json.replaceFirst("(\"[^\"]+\":)(-?\\d+|\"[^\"]*\")",
                        "$1" + token)), "application/json");
            }
            case 2 -> new MalformedCase("invalid UTF-8", BODY_NAMES, Hostile.splice(utf8(json), Hostile.invalidUtf8(random),
                    random), "application/json");
            case 3, 4 -> {
                String object = pick(objects, random);
                String field = "unknownField" + random.nextInt(9);
                ObjectNode body = base.deepCopy();
                ((ObjectNode) (object.isEmpty() ? body : at(body, object))).put(field, 1);
                yield new MalformedCase("unknown field " + field + " in " + (object.isEmpty() ? "the body" : object),
                        List.of(field), utf8(body.toString()), "application/json");
            }
            case 5 -> new MalformedCase("trailing garbage", BODY_NAMES, utf8(json + pick(List.of("}", "x", "{}", "]"), random)),
                    "application/json");
            case 6 -> {
                String root = pick(List.of("[]", "null", "\"text\"", "42", "[" + json + "]"), random);
                yield new MalformedCase("body is " + root.charAt(0), BODY_NAMES, utf8(root), "application/json");
            }
            case 7 -> new MalformedCase("empty body", BODY_NAMES, new byte[0], "application/json");
            case 8 -> new MalformedCase("nesting 5,000 deep", BODY_NAMES, utf8("[".repeat(5_000) + "]".repeat(5_000)),
                    "application/json");
            case 9 -> new MalformedCase("raw control character", BODY_NAMES,
                    utf8(json.replaceFirst(":\"", ":\"\u0001")), "application/json");
            default -> {
                String type = pick(Hostile.WRONG_JSON_TYPES, random);
                yield new MalformedCase("content type " + type, List.of(type.split(";")[0]), utf8(json), type);
            }
        };
    }

    private void collect(JsonNode node, String prefix, Set<String> freeText, Set<String> decimals, Set<String> optional) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            JsonNode value = e.getValue();
            if (value.isObject()) {
                objects.add(path);
                collect(value, path, freeText, decimals, optional);
            } else if (value.isNumber()) {
                leaves.add(new Leaf(path, decimals.contains(path) ? Kind.DECIMAL : Kind.INTEGER, optional.contains(path)));
            } else if (value.isTextual() || value.isNull()) {
                leaves.add(new Leaf(path, freeText.contains(path) ? Kind.TEXT : Kind.TOKEN, optional.contains(path)));
            }
        }
    }

    private static JsonNode at(ObjectNode root, String path) {
        JsonNode at = root;
        for (String part : path.split("\\.")) {
            at = at.get(part);
        }
        return at;
    }

    private static void set(ObjectNode root, String path, JsonNode value) {
        int dot = path.lastIndexOf('.');
        ObjectNode parent = dot < 0 ? root : (ObjectNode) at(root, path.substring(0, dot));
        String name = path.substring(dot + 1);
        if (value == null) {
            parent.remove(name);
        } else {
            parent.set(name, value);
        }
    }
}
