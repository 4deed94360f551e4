package org.ogi.format.narrative;

import static org.ogi.format.narrative.FigureRule.p;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.ogi.format.Cells;

/**
 * The five figures of a pre-2019 report (design.md), read from its prose. A figure the text does not state
 * stays absent; a statement that nothing happened (「未发生…行政复议」「未收取…费用」) is 0, stated. When a
 * text states the same count twice with different numbers, the statement under the matching section heading
 * wins, an exact number beats an approximate one, and the disagreement is reported.
 */
final class LegacyFigures {

    /** Words that do not narrow 「…信息」 to a subset: 「各类党务、政务、业务信息」 is all information. */
    private static final Pattern GENERIC_OBJECT = Pattern.compile(
            "各类|各项|政府|党务|政务|业务|公开|工作|相关|主动|有关|[、,，和及与的等]|\\s");
    private static final Pattern NOT_PUBLIC_INFORMATION = Pattern.compile("咨询|投诉|举报|信访|建议|提案");

    static final List<FigureRule> RULES = List.of(
            new FigureRule(Cells.LEGACY_PROACTIVE_ITEMS,
                    List.of(p("(?<!政务|信息|政府|务|息)(?:主动)?(?:公开|发布|公布)(?<obj>[^，,。；;：:]{0,24}?)信息FILLNUM\\s*(?:条|件)")),
                    List.of(), FigureRule.anywhere(), LegacyFigures::generic),
            new FigureRule(Cells.LEGACY_APPLICATIONS,
                    List.of(p("(?:收到|受理|接到|接收|新收)(?<obj>[^，,。；;：:]{0,24}?)申请FILLNUM\\s*(?:件|个|条|份|宗|人次)")),
                    List.of(p("(?:未|没有|无)(?:收到|受理|接到|接收)[^，,。；;]{0,24}?申请")),
                    s -> s.text().contains("公开") || s.section().contains("依申请"),
                    o -> !NOT_PUBLIC_INFORMATION.matcher(o).find()),
            new FigureRule(Cells.LEGACY_FEES_YUAN,
                    List.of(p("收取(?<obj>[^。；;]{0,30}?)费用?FILLNUM\\s*(?<unit>万元|元)")),
                    List.of(p("(?:未|没有|无|不)(?:向[^。；;]{0,24}?)?收(?:取)?[^。；;]{0,30}?费"), p("免收|零收费|收费为零")),
                    s -> s.text().contains("信息公开") || s.text().matches(".*(检索|复制|邮寄|信息处理费).*")
                            || s.section().contains("收费"),
                    FigureRule.anyObject()),
            new FigureRule(Cells.LEGACY_ADMIN_REVIEWS,
                    List.of(p("行政复议(?:案件|申请)?FILLNUM\\s*(?:件|起|宗|次|个)"),
                            p("(?<![\\d.])NUM\\s*(?:件|起|宗)(?:政府信息公开)?行政复议")),
                    List.of(p("(?:未|没有|无)[^。；;]{0,30}?行政复议")),
                    s -> s.text().contains("信息公开") || s.section().contains("行政复议"),
                    FigureRule.anyObject()),
            new FigureRule(Cells.LEGACY_LITIGATIONS,
                    List.of(p("行政诉讼(?:案件)?FILLNUM\\s*(?:件|起|宗|次|个)"),
                            p("(?<![\\d.])NUM\\s*(?:件|起|宗)(?:政府信息公开)?行政诉讼")),
                    List.of(p("(?:未|没有|无)[^。；;]{0,40}?行政诉讼")),
                    s -> s.text().contains("信息公开") || s.section().contains("行政诉讼"),
                    FigureRule.anyObject()));

    /** Which section heading makes a statement authoritative for each metric. */
    private static final Map<String, String> HOME_SECTION = Map.of(
            Cells.LEGACY_PROACTIVE_ITEMS, "主动公开",
            Cells.LEGACY_APPLICATIONS, "依申请",
            Cells.LEGACY_FEES_YUAN, "收费",
            Cells.LEGACY_ADMIN_REVIEWS, "行政复议",
            Cells.LEGACY_LITIGATIONS, "行政诉讼");

    /** The chosen figure per metric (absent when not stated) and the disagreements found. */
    record Result(Map<String, FigureFinder.Figure> chosen, List<FigureFinder.Figure[]> conflicts) {
    }

    private LegacyFigures() {
    }

    static Result read(TextUnits units) {
        Map<String, FigureFinder.Figure> chosen = new LinkedHashMap<>();
        List<FigureFinder.Figure[]> conflicts = new ArrayList<>();
        for (FigureRule rule : RULES) {
            List<FigureFinder.Figure> found = FigureFinder.find(units, rule);
            if (found.isEmpty()) {
                continue;
            }
            String home = HOME_SECTION.get(rule.metric());
            FigureFinder.Figure best = found.stream().min(Comparator
                    .comparing((FigureFinder.Figure f) -> !f.section().contains(home))
                    .thenComparing(FigureFinder.Figure::approximate)
                    .thenComparing(FigureFinder.Figure::offset)).orElseThrow();
            chosen.put(rule.metric(), best);
            for (FigureFinder.Figure f : found) {
                if (f.value().compareTo(best.value()) != 0
                        && conflicts.stream().noneMatch(c -> c[0].metric().equals(f.metric())
                        && c[1].value().compareTo(f.value()) == 0)) {
                    conflicts.add(new FigureFinder.Figure[] {best, f});
                }
            }
        }
        return new Result(chosen, conflicts);
    }

    private static boolean generic(String object) {
        return GENERIC_OBJECT.matcher(object).replaceAll("").isEmpty();
    }
}
