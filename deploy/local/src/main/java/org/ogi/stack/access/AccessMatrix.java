package org.ogi.stack.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.ogi.stack.fuzz.ProblemCheck;

/**
 * A service's authorization matrix, read from one TSV: {@code method, path, body}, then the expected status for each
 * of the six caller kinds ({@link #CALLERS}). Also compares the table with the service's OpenAPI document, so that
 * an endpoint added without a row fails the test.
 */
public final class AccessMatrix {

    public static final List<String> CALLERS = List.of("anonymous", "agency-own", "agency-other", "supervisor-inside",
            "supervisor-outside", "admin");

    /** One endpoint (with the body it is sent, by name) and the status each caller kind must get. */
    public record Row(String method, String path, String body, Map<String, Integer> expected) {

        public String endpoint() {
            return method + " " + path;
        }
    }

    /** One request of the matrix: a row and one caller kind. */
    public record Cell(Row row, String caller) {

        public int expected() {
            return row.expected().get(caller);
        }

        @Override
        public String toString() {
            return row.endpoint() + (row.body().equals("-") ? "" : " [" + row.body() + "]") + " as " + caller + " -> " + expected();
        }
    }

    private AccessMatrix() {
    }

    public static List<Row> read(InputStream tsv) {
        List<Row> rows = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(tsv, StandardCharsets.UTF_8))) {
            String header = null;
            for (String line; (line = in.readLine()) != null;) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                if (header == null) {
                    header = line;
                    List<String> expectedHeader = new ArrayList<>(List.of("method", "path", "body"));
                    expectedHeader.addAll(CALLERS);
                    if (!List.of(f).equals(expectedHeader)) {
                        throw new IllegalArgumentException("header must be " + String.join("\\t", expectedHeader) + ": " + line);
                    }
                    continue;
                }
                if (f.length != 3 + CALLERS.size()) {
                    throw new IllegalArgumentException("a row has " + (3 + CALLERS.size()) + " tab-separated fields: " + line);
                }
                Map<String, Integer> expected = new LinkedHashMap<>();
                for (int i = 0; i < CALLERS.size(); i++) {
                    expected.put(CALLERS.get(i), Integer.parseInt(f[3 + i]));
                }
                rows.add(new Row(f[0], f[1], f[2], expected));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    /** Why an answer breaks the table: another status, or an error that is not a proper problem body; else empty. */
    public static Optional<String> wrong(Cell cell, int status, String contentType, String text) {
        if (status != cell.expected()) {
            return Optional.of(cell + ": got " + status + " " + text);
        }
        return status >= 400 ? ProblemCheck.answerProblem(status, contentType, text).map(p -> cell + ": " + p + " " + text)
                : Optional.empty();
    }

    /** Fails unless every endpoint of the OpenAPI document has a row and every row an endpoint; returns the figures. */
    public static String requireComplete(String service, String openApiJson, List<Row> rows, String... ignoredPrefixes) {
        Set<String> differences = differences(openApiJson, rows, ignoredPrefixes);
        if (!differences.isEmpty()) {
            throw new AssertionError(service + ": access-matrix.tsv and the OpenAPI document differ: " + differences);
        }
        return "ACCESS MATRIX " + service + ": " + rows.size() + " rows x " + CALLERS.size() + " caller kinds = "
                + rows.size() * CALLERS.size() + " requests";
    }

    public static List<Cell> cells(List<Row> rows) {
        List<Cell> cells = new ArrayList<>();
        rows.forEach(r -> CALLERS.forEach(c -> cells.add(new Cell(r, c))));
        return cells;
    }

    /**
     * Endpoints of the OpenAPI document ({@code METHOD /path/{}} with every template variable written {@code {}}) that
     * no row covers, and rows that name no endpoint of it; both empty when the table is complete. Paths under
     * an {@code ignoredPrefixes} (e.g. "/q/", or a test-only resource) are not API endpoints and are skipped.
     */
    public static Set<String> differences(String openApiJson, List<Row> rows, String... ignoredPrefixes) {
        Set<String> documented = new TreeSet<>();
        try {
            JsonNode paths = new ObjectMapper().readTree(openApiJson).path("paths");
            for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> p = it.next();
                if (java.util.Arrays.stream(ignoredPrefixes).anyMatch(p.getKey()::startsWith)) {
                    continue;
                }
                for (Iterator<String> m = p.getValue().fieldNames(); m.hasNext();) {
                    String method = m.next().toUpperCase();
                    if (Set.of("GET", "PUT", "POST", "DELETE", "PATCH").contains(method)) {
                        documented.add(method + " " + normalise(p.getKey()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> tabled = new TreeSet<>();
        rows.forEach(r -> tabled.add(r.method() + " " + normalise(r.path().replaceAll("\\?.*", ""))));
        Set<String> differences = new TreeSet<>();
        documented.stream().filter(e -> !tabled.contains(e)).forEach(e -> differences.add("no row for " + e));
        tabled.stream().filter(e -> !documented.contains(e)).forEach(e -> differences.add("not in the API: " + e));
        return differences;
    }

    private static String normalise(String path) {
        return path.replaceAll("\\{[^}]*}", "{}");
    }
}
