package org.ogi.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;

/** Builders for report bodies used by the tests; every call returns a fresh, mutable tree. */
final class TestReports {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private TestReports() {
    }

    /**
     * The real published 2021-format report of 平潭综合实验区 for 2022 (transcribed in
     * shared/samples/structured/pingtan-2022.json, source page pingtan.gov.cn t20230220_80629).
     */
    static ObjectNode pingtan2022() {
        try (InputStream in = TestReports.class.getResourceAsStream("/pingtan-2022.json")) {
            return (ObjectNode) MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A body of the format with every cell 0 (legacy: null), which satisfies R1–R4. */
    static ObjectNode zeros(ReportFormat format) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", format.id());
        for (CellDef def : format.cells()) {
            if (format.tabular()) {
                set(root, def.key(), 0);
            } else {
                set(root, def.key(), null);
            }
        }
        return root;
    }

    /** Sets the cell at a dotted path, creating objects on the way; null writes JSON null. */
    static ObjectNode set(ObjectNode root, String dottedKey, Object value) {
        String[] path = dottedKey.split("\\.");
        ObjectNode parent = root;
        for (int i = 0; i < path.length - 1; i++) {
            JsonNode child = parent.get(path[i]);
            parent = child instanceof ObjectNode o ? o : parent.putObject(path[i]);
        }
        String leaf = path[path.length - 1];
        if (value == null) {
            parent.putNull(leaf);
        } else if (value instanceof Integer i) {
            parent.put(leaf, i);
        } else if (value instanceof BigDecimal d) {
            parent.put(leaf, d);
        } else if (value instanceof String s) {
            parent.put(leaf, s);
        } else {
            throw new IllegalArgumentException("unsupported test value " + value);
        }
        return root;
    }

    static ObjectNode remove(ObjectNode root, String dottedKey) {
        String[] path = dottedKey.split("\\.");
        ObjectNode parent = root;
        for (int i = 0; i < path.length - 1; i++) {
            parent = (ObjectNode) parent.get(path[i]);
        }
        parent.remove(path[path.length - 1]);
        return root;
    }

    /** Parses a body that the test expects to be valid, failing with the errors otherwise. */
    static ParsedReport parseOk(JsonNode body, int year) {
        ParseResult result = ReportParser.parse(body, year);
        if (!result.errors().isEmpty()) {
            throw new AssertionError("expected no parse errors, got " + result.errors());
        }
        return result.report().orElseThrow();
    }

    /**
     * A 2019-format report with the Shanghai municipal general office's 2019 totals
     * (一 859 + 二 18 = 877 = （七）805 + 四 72). Only the totals are published in the format page, so the
     * split over columns and outcome rows here is ours: natural persons and businesses, granted and
     * partly granted.
     */
    static ObjectNode shanghai2019() {
        ObjectNode body = zeros(ReportFormat.F2019);
        row(body, Cells.NEW, 800, 59);
        row(body, Cells.CARRIED_OVER, 18, 0);
        row(body, Cells.GRANTED, 700, 50);
        row(body, Cells.PARTLY_GRANTED, 50, 5);
        row(body, Cells.TOTAL_HANDLED, 750, 55);
        row(body, Cells.CARRIED_FORWARD, 68, 4);
        return body;
    }

    /** Sets a table 三 row from natural-person and business counts, with a matching total. */
    static void row(ObjectNode body, String row, int naturalPerson, int business) {
        set(body, Cells.request(row, Cells.NATURAL_PERSON), naturalPerson);
        set(body, Cells.request(row, "business"), business);
        set(body, Cells.request(row, Cells.TOTAL), naturalPerson + business);
    }
}
