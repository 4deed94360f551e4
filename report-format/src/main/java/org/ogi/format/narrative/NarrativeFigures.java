package org.ogi.format.narrative;

import static org.ogi.format.narrative.FigureRule.p;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ogi.format.CellDef;
import org.ogi.format.Cells;
import org.ogi.format.Finding;
import org.ogi.format.ParsedReport;
import org.ogi.format.ReportFormat;
import org.ogi.format.Severity;

/**
 * R8: figures the narrative states must match the tables (or, for a legacy report, the figures filed with
 * it). A stated 「800余条」 only contradicts a filed value below 800. Each contradiction is a warning that
 * quotes the sentence and shows both numbers.
 */
final class NarrativeFigures {

    /** A stated figure and the cells whose sum it must equal. */
    private record Check(FigureRule rule, List<String> cells, String label) {
    }

    private static final String REQUEST_NOUN = "(?:政府信息公开申请|信息公开申请|申请)?";

    private static final List<Check> TABULAR = List.of(
            check(Cells.request(Cells.NEW, Cells.TOTAL), "本年新收政府信息公开申请数量", "申请",
                    "(?:新收|收到|受理|接到)(?<obj>[^，,。；;：:]{0,20}?)申请FILLNUM\\s*(?:件|个|份)"),
            check(Cells.request(Cells.CARRIED_OVER, Cells.TOTAL), "上年结转政府信息公开申请数量", "结转",
                    "上年(?:度)?结转" + REQUEST_NOUN + "FILLNUM\\s*件"),
            check(Cells.request(Cells.TOTAL_HANDLED, Cells.TOTAL), "本年度办理结果总计", "办结",
                    "办结" + REQUEST_NOUN + "FILLNUM\\s*件"),
            check(Cells.request(Cells.CARRIED_FORWARD, Cells.TOTAL), "结转下年度继续办理数量", "结转下",
                    "结转下(?:一)?年度?(?:继续办理)?FILLNUM\\s*件"),
            new Check(new FigureRule("adminReview", List.of(p("行政复议(?:案件|申请)?FILLNUM\\s*(?:件|起|宗)")),
                    List.of(p("(?:未|没有|无)(?:发生|出现|收到|涉及)?[^。；;，,]{0,20}?行政复议")),
                    s -> s.text().contains("行政复议"), FigureRule.anyObject()), // both patterns name it
                    List.of(Cells.review(Cells.ADMIN_REVIEW, Cells.TOTAL)), "政府信息公开行政复议总计"),
            new Check(new FigureRule("litigation", List.of(p("行政诉讼(?:案件)?FILLNUM\\s*(?:件|起|宗)")),
                    List.of(p("(?:未|没有|无)(?:发生|出现|涉及)?[^。；;，,]{0,30}?行政诉讼")),
                    s -> s.text().contains("行政诉讼"), FigureRule.anyObject()),
                    List.of("reviewAndLitigation.litigationDirect.total", "reviewAndLitigation.litigationAfterReview.total"),
                    "政府信息公开行政诉讼总计"));

    private static final Map<ReportFormat, List<Check>> DOCUMENTS = Map.of(
            ReportFormat.F2021, List.of(
                    check(Cells.active("normativeDocuments", Cells.ISSUED), "本年制发行政规范性文件件数", "规范性文件",
                            "制发(?:的)?(?:行政)?规范性文件FILLNUM\\s*件"),
                    check(Cells.active("normativeDocuments", Cells.IN_FORCE), "现行有效行政规范性文件件数", "规范性文件",
                            "现行有效(?:的)?(?:行政)?规范性文件FILLNUM\\s*件")),
            ReportFormat.F2019, List.of(
                    check(Cells.active("normativeDocuments", "made"), "本年新制作规范性文件数量", "规范性文件",
                            "新制作(?:的)?(?:行政)?规范性文件FILLNUM\\s*件")),
            ReportFormat.LEGACY, List.of());

    private NarrativeFigures() {
    }

    static List<Finding> contradictions(ParsedReport report) {
        List<Finding> out = new ArrayList<>();
        if (report.format() == ReportFormat.LEGACY) {
            String text = report.texts().getOrDefault("text", "");
            TextUnits units = new TextUnits(org.ogi.format.text.TextNormalizer.normalize(text));
            for (FigureRule rule : LegacyFigures.RULES) {
                String label = ReportFormat.LEGACY.cell(rule.metric()).map(CellDef::label).orElse(rule.metric());
                compare(report, units, rule, List.of(rule.metric()), label, "所报数字", out);
            }
            return out;
        }
        TextUnits units = new TextUnits(String.join("\n", report.texts().values()));
        List<Check> checks = new ArrayList<>(TABULAR);
        checks.addAll(DOCUMENTS.get(report.format()));
        for (Check c : checks) {
            compare(report, units, c.rule(), c.cells(), c.label(), "表格", out);
        }
        return out;
    }

    private static void compare(ParsedReport report, TextUnits units, FigureRule rule, List<String> cells, String label,
                                String against, List<Finding> out) {
        BigDecimal filed = BigDecimal.ZERO;
        for (String cell : cells) {
            BigDecimal v = report.value(cell);
            if (v == null) {
                return; // nothing filed to compare with
            }
            filed = filed.add(v);
        }
        List<BigDecimal> reported = new ArrayList<>();
        for (FigureFinder.Figure f : FigureFinder.find(units, rule)) {
            boolean contradicts = f.approximate() ? filed.compareTo(f.value()) < 0 : filed.compareTo(f.value()) != 0;
            if (contradicts && reported.stream().noneMatch(r -> r.compareTo(f.value()) == 0)) {
                reported.add(f.value());
                out.add(new Finding("R8", Severity.WARNING, cells.get(0), "叙述中“" + label + "”为"
                        + f.written() + (f.written().startsWith(f.value().toPlainString()) ? "" : "即" + f.value().toPlainString())
                        + "（“" + quote(f.quote()) + "”），"
                        + against + "中为" + filed.toPlainString()));
            }
        }
    }

    private static String quote(String sentence) {
        return sentence.length() > 80 ? sentence.substring(0, 80) + "…" : sentence;
    }

    /**
     * {@code anchor}: a literal the pattern cannot match without; sentences lacking it are skipped before the regular
     * expression runs (matching every sentence against every pattern was a seventh of a filing's CPU).
     */
    private static Check check(String cell, String label, String anchor, String regex) {
        return new Check(new FigureRule(cell, List.of(p(regex)), List.of(),
                s -> s.text().contains(anchor), o -> !o.contains("咨询") && !o.contains("投诉")), List.of(cell), label);
    }
}
