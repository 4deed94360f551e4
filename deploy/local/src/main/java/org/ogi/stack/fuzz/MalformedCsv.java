package org.ogi.stack.fuzz;

import static org.ogi.stack.fuzz.Hostile.pick;
import static org.ogi.stack.fuzz.Hostile.utf8;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Malformed variants of one valid CSV upload (a header row and data rows), one defect each, deterministic from the
 * seed: an injection string, an empty or overlong value in a cell that is not free text, a row with too many or too
 * few cells, an unbalanced quote, a NUL byte or invalid UTF-8 on a line, a duplicated row, an unknown or missing
 * column, an empty file, a wrong content type or an unknown charset. The refusal must name the line (or column).
 */
public final class MalformedCsv {

    private final List<String> header;
    private final List<List<String>> rows;
    private final Set<String> freeText;
    private final Set<String> optional;
    private final Set<String> required;
    private final Random random;

    /** {@code required}: the columns the header must have; {@code optional} columns may be empty. */
    public MalformedCsv(List<String> header, List<List<String>> rows, Set<String> freeText, Set<String> optional,
            Set<String> required, long seed) {
        this.header = List.copyOf(header);
        this.rows = rows.stream().map(List::copyOf).toList();
        this.freeText = freeText;
        this.optional = optional;
        this.required = required;
        this.random = new Random(seed);
    }

    public MalformedCase next() {
        int r = random.nextInt(rows.size());
        int line = r + 2;
        List<String> lineNames = List.of("第" + line + "行", "\"line\":" + line);
        List<List<String>> copy = new ArrayList<>(rows.stream().map(row -> (List<String>) new ArrayList<>(row)).toList());
        List<String> head = new ArrayList<>(header);
        int kind = random.nextInt(14);
        String defect;
        List<String> names = lineNames;
        switch (kind) {
            case 0, 1, 2, 3 -> {
                int c = tokenColumn();
                copy.get(r).set(c, pick(Hostile.INJECTIONS, random).replace("\u0000", "x"));
                defect = "injection in " + header.get(c);
            }
            case 4 -> {
                int c = tokenColumn();
                copy.get(r).set(c, "9".repeat(300));
                defect = "300 characters in " + header.get(c);
            }
            case 5 -> {
                int c = requiredColumn();
                copy.get(r).set(c, "");
                defect = "empty " + header.get(c);
            }
            case 6 -> {
                copy.get(r).add("extra");
                defect = "a cell too many";
            }
            case 7 -> {
                copy.get(r).subList(1 + random.nextInt(3), copy.get(r).size()).clear(); // at least kind is gone
                defect = "cells missing";
            }
            case 8 -> {
                copy.add(new ArrayList<>(copy.get(r)));
                line = copy.size() + 1;
                names = List.of("第" + line + "行", "\"line\":" + line, copy.get(r).get(0));
                defect = "row repeated";
            }
            case 9 -> {
                String column = "unknownColumn" + random.nextInt(9);
                head.add(column);
                copy.forEach(row -> row.add("x"));
                names = List.of(column);
                defect = "unknown column";
            }
            case 10 -> {
                String column = pick(List.copyOf(required), random);
                int c = head.indexOf(column);
                head.remove(c);
                copy.forEach(row -> row.remove(c));
                names = List.of(column);
                defect = "no column " + column;
            }
            case 11 -> {
                return new MalformedCase("content type", List.of("application/json"), render(head, copy, -1, null),
                        "application/json");
            }
            case 12 -> {
                String charset = pick(List.of("klingon", "utf-99", "x-unknown-1"), random);
                return new MalformedCase("charset " + charset, List.of(charset), render(head, copy, -1, null),
                        "text/csv; charset=" + charset);
            }
            default -> {
                byte[] bad = switch (random.nextInt(3)) {
                    case 0 -> Hostile.invalidUtf8(random);
                    case 1 -> new byte[] {0};
                    default -> utf8("\"");
                };
                return new MalformedCase("bad bytes on line " + line, lineNames, render(head, copy, r, bad), "text/csv");
            }
        }
        return new MalformedCase(defect + " on line " + line, names, render(head, copy, -1, null), "text/csv");
    }

    private int tokenColumn() {
        while (true) {
            int c = random.nextInt(header.size());
            if (!freeText.contains(header.get(c))) {
                return c;
            }
        }
    }

    private int requiredColumn() {
        while (true) {
            int c = random.nextInt(header.size());
            if (!optional.contains(header.get(c))) {
                return c;
            }
        }
    }

    /**
     * The CSV; {@code bad} bytes go into row {@code badRow}'s second cell: a quote opens it (and is never closed),
     * other bytes go after its first character (a reader that trims cells would drop them at either end).
     */
    private static byte[] render(List<String> head, List<List<String>> rows, int badRow, byte[] bad) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(utf8(String.join(",", head) + "\n"));
        for (int i = 0; i < rows.size(); i++) {
            List<String> row = rows.get(i);
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.size(); c++) {
                if (c > 0) {
                    line.append(',');
                }
                String v = row.get(c);
                v = v.contains(",") || v.contains("\"") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
                if (i == badRow && c == 1 && !v.isEmpty()) {
                    int split = bad.length == 1 && bad[0] == '"' ? 0 : v.offsetByCodePoints(0, 1);
                    out.writeBytes(utf8(line + v.substring(0, split)));
                    out.writeBytes(bad);
                    line.setLength(0);
                    v = v.substring(split);
                }
                line.append(v);
            }
            out.writeBytes(utf8(line + "\n"));
        }
        return out.toByteArray();
    }
}
