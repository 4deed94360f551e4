package org.ogi.format;

import static org.ogi.format.CellType.AMOUNT;
import static org.ogi.format.CellType.COUNT;
import static org.ogi.format.CellType.SIGNED_COUNT;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the ordered cell lists of every format with their Chinese labels, taken from the national
 * tables (国办公开办函〔2019〕60号, 〔2021〕30号). Kept apart from {@link ReportFormat} so the enum stays small.
 */
final class CellCatalog {

    static final Map<String, String> COLUMN_LABELS = labels(Cells.APPLICANT_COLUMNS,
            "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计");

    static final Map<String, String> ROW_LABELS = rowLabels();

    static final Map<String, String> REVIEW_GROUP_LABELS = labels(Cells.REVIEW_GROUPS,
            "行政复议", "行政诉讼（未经复议直接起诉）", "行政诉讼（复议后起诉）");

    static final Map<String, String> REVIEW_COLUMN_LABELS = labels(Cells.REVIEW_COLUMNS,
            "结果维持", "结果纠正", "其他结果", "尚未审结", "总计");

    static final Map<String, String> ACTIVE_ROW_LABELS_2021 = labels(
            List.of("rules", "normativeDocuments", "licensing", "penalties", "coerciveMeasures", "fees"),
            "规章", "行政规范性文件", "行政许可", "行政处罚", "行政强制", "行政事业性收费");

    static final Map<String, String> ACTIVE_ROW_LABELS_2019 = labels(
            List.of("rules", "normativeDocuments", "licensing", "otherServices", "penalties", "coerciveMeasures",
                    "fees", "procurement"),
            "规章", "规范性文件", "行政许可", "其他对外管理服务事项", "行政处罚", "行政强制", "行政事业性收费", "政府集中采购");

    static final List<CellDef> F2021 = build2021();
    static final List<CellDef> F2019 = build2019();
    static final List<CellDef> LEGACY = List.of(
            new CellDef(Cells.LEGACY_PROACTIVE_ITEMS, COUNT, "主动公开政府信息数量"),
            new CellDef(Cells.LEGACY_APPLICATIONS, COUNT, "收到政府信息公开申请数量"),
            new CellDef(Cells.LEGACY_FEES_YUAN, AMOUNT, "收取政府信息公开费用（元）"),
            new CellDef(Cells.LEGACY_ADMIN_REVIEWS, COUNT, "政府信息公开行政复议案件数量"),
            new CellDef(Cells.LEGACY_LITIGATIONS, COUNT, "政府信息公开行政诉讼案件数量"));

    static final Map<String, String> SECTION_LABELS = labels(
            List.of(Cells.ACTIVE_DISCLOSURE, Cells.REQUESTS, Cells.REVIEW_AND_LITIGATION),
            "第二部分“主动公开政府信息情况”", "第三部分“收到和处理政府信息公开申请情况”",
            "第四部分“政府信息公开行政复议、行政诉讼情况”");

    private CellCatalog() {
    }

    /** Chinese name of a section or row path such as {@code requests.new}, followed by the path itself. */
    static String pathLabel(ReportFormat format, String path) {
        Map<String, String> activeRows = format == ReportFormat.F2021 ? ACTIVE_ROW_LABELS_2021 : ACTIVE_ROW_LABELS_2019;
        String[] parts = path.split("\\.");
        String label = null;
        if (parts.length == 1) {
            label = SECTION_LABELS.get(path);
        } else if (parts.length == 2) {
            label = switch (parts[0]) {
                case Cells.REQUESTS -> ROW_LABELS.get(parts[1]) == null ? null : "第三部分“" + ROW_LABELS.get(parts[1]) + "”行";
                case Cells.REVIEW_AND_LITIGATION -> REVIEW_GROUP_LABELS.get(parts[1]) == null ? null
                        : "第四部分“" + REVIEW_GROUP_LABELS.get(parts[1]) + "”";
                case Cells.ACTIVE_DISCLOSURE -> activeRows.get(parts[1]) == null ? null
                        : "第二部分“" + activeRows.get(parts[1]) + "”";
                default -> null;
            };
        }
        return label == null ? "“" + path + "”" : label + "（" + path + "）";
    }

    static Map<String, CellDef> index(List<CellDef> cells) {
        Map<String, CellDef> byKey = new LinkedHashMap<>();
        cells.forEach(c -> byKey.put(c.key(), c));
        return Collections.unmodifiableMap(byKey);
    }

    private static List<CellDef> build2021() {
        List<CellDef> cells = new ArrayList<>();
        for (String row : Cells.RULE_ROWS) {
            active(cells, ACTIVE_ROW_LABELS_2021, row, Cells.ISSUED, COUNT, "本年制发件数");
            active(cells, ACTIVE_ROW_LABELS_2021, row, Cells.REPEALED, COUNT, "本年废止件数");
            active(cells, ACTIVE_ROW_LABELS_2021, row, Cells.IN_FORCE, COUNT, "现行有效件数");
        }
        for (String row : List.of("licensing", "penalties", "coerciveMeasures")) {
            active(cells, ACTIVE_ROW_LABELS_2021, row, "decisions", COUNT, "本年处理决定数量");
        }
        active(cells, ACTIVE_ROW_LABELS_2021, "fees", "amount10kYuan", AMOUNT, "本年收费金额（单位：万元）");
        requestsAndReview(cells, Cells.REQUEST_ROWS_2021);
        return List.copyOf(cells);
    }

    private static List<CellDef> build2019() {
        List<CellDef> cells = new ArrayList<>();
        for (String row : Cells.RULE_ROWS) {
            active(cells, ACTIVE_ROW_LABELS_2019, row, "made", COUNT, "本年新制作数量");
            active(cells, ACTIVE_ROW_LABELS_2019, row, "published", COUNT, "本年新公开数量");
            active(cells, ACTIVE_ROW_LABELS_2019, row, "totalPublic", COUNT, "对外公开总数量");
        }
        for (String row : List.of("licensing", "otherServices", "penalties", "coerciveMeasures")) {
            active(cells, ACTIVE_ROW_LABELS_2019, row, "lastYearItems", COUNT, "上一年项目数量");
            active(cells, ACTIVE_ROW_LABELS_2019, row, "change", SIGNED_COUNT, "本年增/减");
            active(cells, ACTIVE_ROW_LABELS_2019, row, "decisions", COUNT, "处理决定数量");
        }
        active(cells, ACTIVE_ROW_LABELS_2019, "fees", "lastYearItems", COUNT, "上一年项目数量");
        active(cells, ACTIVE_ROW_LABELS_2019, "fees", "change", SIGNED_COUNT, "本年增/减");
        active(cells, ACTIVE_ROW_LABELS_2019, "procurement", "projects", COUNT, "采购项目数量");
        active(cells, ACTIVE_ROW_LABELS_2019, "procurement", "amount", AMOUNT, "采购总金额");
        requestsAndReview(cells, Cells.REQUEST_ROWS_2019);
        return List.copyOf(cells);
    }

    private static void active(List<CellDef> cells, Map<String, String> rowLabels, String row, String field,
                               CellType type, String fieldLabel) {
        cells.add(new CellDef(Cells.active(row, field), type, "第二部分·" + rowLabels.get(row) + "·" + fieldLabel));
    }

    private static void requestsAndReview(List<CellDef> cells, List<String> rows) {
        for (String row : rows) {
            for (String column : Cells.APPLICANT_COLUMNS) {
                cells.add(new CellDef(Cells.request(row, column), COUNT,
                        "第三部分·" + ROW_LABELS.get(row) + "·" + COLUMN_LABELS.get(column)));
            }
        }
        for (String group : Cells.REVIEW_GROUPS) {
            for (String column : Cells.REVIEW_COLUMNS) {
                cells.add(new CellDef(Cells.review(group, column), COUNT,
                        "第四部分·" + REVIEW_GROUP_LABELS.get(group) + "·" + REVIEW_COLUMN_LABELS.get(column)));
            }
        }
    }

    private static Map<String, String> rowLabels() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(Cells.NEW, "一、本年新收政府信息公开申请数量");
        m.put(Cells.CARRIED_OVER, "二、上年结转政府信息公开申请数量");
        m.put(Cells.GRANTED, "三（一）予以公开");
        m.put(Cells.PARTLY_GRANTED, "三（二）部分公开");
        putNumbered(m, "三（三）不予公开", Cells.REFUSED_ROWS, "属于国家秘密", "其他法律行政法规禁止公开",
                "危及“三安全一稳定”", "保护第三方合法权益", "属于三类内部事务信息", "属于四类过程性信息",
                "属于行政执法案卷", "属于行政查询事项");
        putNumbered(m, "三（四）无法提供", Cells.UNAVAILABLE_ROWS, "本机关不掌握相关政府信息",
                "没有现成信息需要另行制作", "补正后申请内容仍不明确");
        putNumbered(m, "三（五）不予处理", Cells.NOT_PROCESSED_ROWS, "信访举报投诉类申请", "重复申请",
                "要求提供公开出版物", "无正当理由大量反复申请", "要求行政机关确认或重新出具已获取信息");
        putNumbered(m, "三（六）其他处理", Cells.OTHER_ROWS_2021,
                "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "其他");
        m.put("other", "三（六）其他处理");
        m.put(Cells.TOTAL_HANDLED, "三（七）总计");
        m.put(Cells.CARRIED_FORWARD, "四、结转下年度继续办理");
        return Collections.unmodifiableMap(m);
    }

    private static void putNumbered(Map<String, String> m, String prefix, List<String> rows, String... labels) {
        for (int i = 0; i < rows.size(); i++) {
            m.put(rows.get(i), prefix + (i + 1) + "." + labels[i]);
        }
    }

    private static Map<String, String> labels(List<String> keys, String... labels) {
        if (keys.size() != labels.length) {
            throw new IllegalStateException("label count mismatch for " + keys);
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < labels.length; i++) {
            m.put(keys.get(i), labels[i]);
        }
        return Collections.unmodifiableMap(m);
    }
}
