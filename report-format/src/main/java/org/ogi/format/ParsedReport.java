package org.ogi.format;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A report reduced to its flat cells and narrative texts, in one canonical form so that equal content
 * compares equal and hashes the same whatever key order or number spelling (12.50 vs 12.5) was sent.
 *
 * <p>Values are normalised on construction: amounts and counts are compared numerically, and the canonical
 * form is {@code stripTrailingZeros()} without exponent ({@code toPlainString()}), so 12.50 becomes 12.5 and
 * 40.0 becomes 40. Cells are kept in format order; legacy figures may be null (not stated in the report);
 * the cells of the 2019/2021 formats are never null once parsed.
 */
public record ParsedReport(ReportFormat format, Map<String, BigDecimal> cells, Map<String, String> texts) {

    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    public ParsedReport {
        Objects.requireNonNull(format, "format");
        Map<String, BigDecimal> ordered = new LinkedHashMap<>();
        for (CellDef def : format.cells()) {
            if (cells.containsKey(def.key())) {
                BigDecimal v = cells.get(def.key());
                ordered.put(def.key(), v == null ? null : normalize(v));
            }
        }
        if (ordered.size() != cells.size()) {
            throw new IllegalArgumentException("cells not in format " + format.id() + ": "
                    + cells.keySet().stream().filter(k -> format.cell(k).isEmpty()).toList());
        }
        Map<String, String> orderedTexts = new LinkedHashMap<>();
        for (String field : format.textFields()) {
            String text = texts.get(field);
            if (text != null) {
                orderedTexts.put(field, text);
            }
        }
        if (!format.textFields().containsAll(texts.keySet())) {
            throw new IllegalArgumentException("text fields not in format " + format.id() + ": " + texts.keySet());
        }
        cells = Collections.unmodifiableMap(ordered);
        texts = Collections.unmodifiableMap(orderedTexts);
    }

    /** A report without narrative text, e.g. rebuilt from the flat cells of an event for a cross-year check. */
    public static ParsedReport of(ReportFormat format, Map<String, BigDecimal> cells) {
        return new ParsedReport(format, cells, Map.of());
    }

    /** The value of one cell, or null when absent or not stated. */
    public BigDecimal value(String key) {
        return cells.get(key);
    }

    /** The nested REST form again, canonical: format first, then the overview, the tables, the other texts. */
    public ObjectNode toJson(ObjectMapper mapper) {
        ObjectNode root = mapper.createObjectNode();
        root.put("format", format.id());
        List<String> textFields = format.textFields();
        putText(root, textFields.get(0));
        for (CellDef def : format.cells()) {
            if (!cells.containsKey(def.key()) && format.tabular()) {
                continue;
            }
            String[] path = def.key().split("\\.");
            ObjectNode parent = root;
            for (int i = 0; i < path.length - 1; i++) {
                JsonNode child = parent.get(path[i]);
                parent = child instanceof ObjectNode o ? o : parent.putObject(path[i]);
            }
            parent.set(path[path.length - 1], numberNode(cells.get(def.key())));
        }
        for (String field : textFields.subList(1, textFields.size())) {
            putText(root, field);
        }
        return root;
    }

    /** Stable string of {@link #toJson}: same content gives the same string; used for idempotency hashes. */
    public String canonicalJson() {
        try {
            return CANONICAL.writeValueAsString(toJson(CANONICAL));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a parsed report", e);
        }
    }

    private void putText(ObjectNode root, String field) {
        String text = texts.get(field);
        if (text != null) {
            root.put(field, text);
        }
    }

    private static JsonNode numberNode(BigDecimal v) {
        if (v == null) {
            return NullNode.getInstance();
        }
        if (v.scale() == 0 && v.unscaledValue().bitLength() < 32) {
            return IntNode.valueOf(v.intValueExact());
        }
        if (v.scale() == 0 && v.unscaledValue().bitLength() < 64) {
            return LongNode.valueOf(v.longValueExact());
        }
        return DecimalNode.valueOf(v);
    }

    /** Numeric canonical form: no trailing zeros, never an exponent (scale at least 0). */
    static BigDecimal normalize(BigDecimal v) {
        if (v.signum() == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal s = v.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }
}
