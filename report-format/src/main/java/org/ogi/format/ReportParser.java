package org.ogi.format;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the nested REST body into flat cells, collecting every problem at once (so a filer fixes all of
 * them in one round) instead of stopping at the first. The nesting is derived from the dotted cell keys,
 * so the format has one definition only.
 *
 * <p>FORMAT errors: the body is not an object; {@code format} is missing, unknown or does not fit the year;
 * a section, row or cell is missing or not a number; a key is unknown. R5 errors: a count that is negative
 * or not an integer (12.0 is accepted as 12), a negative amount. Amounts are kept as exact decimals (at most
 * 6 places); any magnitude of 10^15 or more is refused as implausible.
 */
public final class ReportParser {

    static final int MAX_INTEGER_DIGITS = 15;
    static final int MAX_DECIMAL_PLACES = 6;
    private static final String FORMAT_FIELD = "format";
    private static final Map<ReportFormat, Map<String, Object>> TREES = new EnumMap<>(ReportFormat.class);

    static {
        for (ReportFormat f : ReportFormat.values()) {
            TREES.put(f, tree(f));
        }
    }

    private ReportParser() {
    }

    public static ParseResult parse(JsonNode body, int year) {
        List<Finding> errors = new ArrayList<>();
        if (body == null || !body.isObject()) {
            errors.add(Finding.error(Finding.FORMAT, null, "报告内容应为JSON对象"));
            return new ParseResult(Optional.empty(), errors);
        }
        Optional<ReportFormat> required = Optional.empty();
        if (year < ReportFormat.FIRST_YEAR) {
            errors.add(Finding.error(Finding.FORMAT, null,
                    "不收集" + ReportFormat.FIRST_YEAR + "年以前年度的报告，收到的是" + year + "年度"));
        } else {
            required = Optional.of(ReportFormat.requiredFor(year));
        }
        JsonNode formatNode = body.get(FORMAT_FIELD);
        if (formatNode == null || formatNode.isNull()) {
            errors.add(Finding.error(Finding.FORMAT, FORMAT_FIELD, "缺少报告格式字段format，应为“2019”“2021”或“legacy”"));
            return new ParseResult(Optional.empty(), errors);
        }
        Optional<ReportFormat> declared = formatNode.isTextual() ? ReportFormat.byId(formatNode.asText())
                : Optional.empty();
        if (declared.isEmpty()) {
            errors.add(Finding.error(Finding.FORMAT, FORMAT_FIELD,
                    "未知的报告格式" + describe(formatNode) + "，应为“2019”“2021”或“legacy”"));
            return new ParseResult(Optional.empty(), errors);
        }
        ReportFormat format = declared.get();
        if (required.isPresent() && required.get() != format) {
            errors.add(Finding.error(Finding.FORMAT, FORMAT_FIELD, year + "年度报告应使用" + required.get().label()
                    + "格式，收到的是" + format.label()));
        }
        Map<String, BigDecimal> cells = new LinkedHashMap<>();
        walk(body, TREES.get(format), "", format, cells, errors);
        Map<String, String> texts = new LinkedHashMap<>();
        for (String field : format.textFields()) {
            JsonNode text = body.get(field);
            if (text == null || text.isNull()) {
                continue;
            }
            if (text.isTextual()) {
                texts.put(field, text.asText());
            } else {
                errors.add(Finding.error(Finding.FORMAT, field, "字段“" + field + "”应为文本，收到的是" + describe(text)));
            }
        }
        if (!errors.isEmpty()) {
            return new ParseResult(Optional.empty(), errors);
        }
        return new ParseResult(Optional.of(new ParsedReport(format, cells, texts)), List.of());
    }

    @SuppressWarnings("unchecked")
    private static void walk(JsonNode object, Map<String, Object> tree, String prefix, ReportFormat format,
                             Map<String, BigDecimal> cells, List<Finding> errors) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            boolean topLevelExtra = prefix.isEmpty()
                    && (name.equals(FORMAT_FIELD) || format.textFields().contains(name));
            if (!tree.containsKey(name) && !topLevelExtra) {
                errors.add(Finding.error(Finding.FORMAT, prefix + name,
                        "“" + prefix + name + "”不是" + format.label() + "格式中的字段"));
            }
        }
        for (Map.Entry<String, Object> entry : tree.entrySet()) {
            String path = prefix + entry.getKey();
            JsonNode child = object.get(entry.getKey());
            if (entry.getValue() instanceof CellDef def) {
                cell(def, child, format, cells, errors);
            } else if (child == null || child.isNull()) {
                errors.add(Finding.error(Finding.FORMAT, path, "缺少" + CellCatalog.pathLabel(format, path)));
            } else if (!child.isObject()) {
                errors.add(Finding.error(Finding.FORMAT, path,
                        CellCatalog.pathLabel(format, path) + "应为JSON对象，收到的是" + describe(child)));
            } else {
                walk(child, (Map<String, Object>) entry.getValue(), path + ".", format, cells, errors);
            }
        }
    }

    private static void cell(CellDef def, JsonNode node, ReportFormat format, Map<String, BigDecimal> cells,
                             List<Finding> errors) {
        String where = "“" + def.label() + "”（" + def.key() + "）";
        if (node == null || node.isNull()) {
            if (format.tabular()) {
                errors.add(Finding.error(Finding.FORMAT, def.key(), "缺少" + where + "的数值"));
            } else {
                cells.put(def.key(), null);
            }
            return;
        }
        BigDecimal v = node.isNumber() ? decimal(node) : null;
        if (v == null) {
            errors.add(Finding.error(Finding.FORMAT, def.key(), where + "应为数字，收到的是" + describe(node)));
            return;
        }
        if (v.signum() != 0 && v.precision() - v.scale() > MAX_INTEGER_DIGITS) {
            errors.add(Finding.error(Finding.FORMAT, def.key(), where + "数值过大：" + display(v)));
            return;
        }
        boolean integral = v.signum() == 0 || v.stripTrailingZeros().scale() <= 0;
        switch (def.type()) {
            case COUNT, SIGNED_COUNT -> {
                if (!integral) {
                    errors.add(Finding.error("R5", def.key(), where + "应为整数，收到的是" + display(v)));
                    return;
                }
                if (def.type() == CellType.COUNT && v.signum() < 0) {
                    errors.add(Finding.error("R5", def.key(), where + "不能为负数，收到的是" + display(v)));
                    return;
                }
            }
            case AMOUNT -> {
                if (v.signum() < 0) {
                    errors.add(Finding.error("R5", def.key(), where + "金额不能为负数，收到的是" + display(v)));
                    return;
                }
                if (v.stripTrailingZeros().scale() > MAX_DECIMAL_PLACES) {
                    errors.add(Finding.error(Finding.FORMAT, def.key(),
                            where + "最多保留" + MAX_DECIMAL_PLACES + "位小数，收到的是" + display(v)));
                    return;
                }
            }
        }
        cells.put(def.key(), ParsedReport.normalize(v));
    }

    private static BigDecimal decimal(JsonNode node) {
        try {
            return node.decimalValue();
        } catch (NumberFormatException e) {
            return null; // NaN or infinity, when a lenient mapper let them through
        }
    }

    private static String display(BigDecimal v) {
        return Math.abs(v.scale()) <= 30 ? v.toPlainString() : v.toString();
    }

    private static String describe(JsonNode node) {
        if (node.isTextual()) {
            String text = node.asText();
            return "文本“" + (text.length() > 20 ? text.substring(0, 20) + "…" : text) + "”";
        }
        if (node.isObject()) {
            return "JSON对象";
        }
        if (node.isArray()) {
            return "数组";
        }
        return node.toString();
    }

    /** Nested map of the format, built from the dotted keys: inner nodes are maps, leaves are CellDefs. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> tree(ReportFormat format) {
        Map<String, Object> root = new LinkedHashMap<>();
        for (CellDef def : format.cells()) {
            String[] path = def.key().split("\\.");
            Map<String, Object> node = root;
            for (int i = 0; i < path.length - 1; i++) {
                node = (Map<String, Object>) node.computeIfAbsent(path[i], k -> new LinkedHashMap<String, Object>());
            }
            node.put(path[path.length - 1], def);
        }
        return root;
    }
}
