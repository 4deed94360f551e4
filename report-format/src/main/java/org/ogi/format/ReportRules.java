package org.ogi.format;

import static org.ogi.format.CellCatalog.COLUMN_LABELS;
import static org.ogi.format.CellCatalog.REVIEW_GROUP_LABELS;
import static org.ogi.format.CellCatalog.ROW_LABELS;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The arithmetic consistency rules of annual-report-format.md. R1–R4 are errors (a report whose tables
 * do not add up is refused: reviewers publicly criticise 数据失准); R6–R7 compare with the previous year and
 * are only warnings, since a legitimate correction of last year's figures also breaks them. R5 is enforced
 * while parsing. None of them applies to legacy (free-text) reports. Messages show both sides' numbers.
 */
public final class ReportRules {

    private ReportRules() {
    }

    /** R1–R4, severity ERROR; empty for legacy reports. */
    public static List<Finding> errors(ParsedReport r) {
        List<Finding> out = new ArrayList<>();
        if (!r.format().tabular()) {
            return out;
        }
        List<String> outcomeRows = Cells.outcomeRows(r.format());
        for (String column : Cells.APPLICANT_COLUMNS) {
            String where = "第三部分“" + COLUMN_LABELS.get(column) + "”列：";
            BigDecimal in = sum(r, List.of(Cells.request(Cells.NEW, column), Cells.request(Cells.CARRIED_OVER, column)));
            BigDecimal handled = r.value(Cells.request(Cells.TOTAL_HANDLED, column));
            BigDecimal outSide = sum(r, List.of(Cells.request(Cells.TOTAL_HANDLED, column),
                    Cells.request(Cells.CARRIED_FORWARD, column)));
            if (in != null && outSide != null && in.compareTo(outSide) != 0) {
                out.add(Finding.error("R1", Cells.request(Cells.TOTAL_HANDLED, column), where
                        + "第一项加第二项之和(" + plain(in) + ")不等于第三项加第四项之和(" + plain(outSide) + ")"));
            }
            BigDecimal outcomes = sum(r, outcomeRows.stream().map(row -> Cells.request(row, column)).toList());
            if (handled != null && outcomes != null && handled.compareTo(outcomes) != 0) {
                out.add(Finding.error("R2", Cells.request(Cells.TOTAL_HANDLED, column), where
                        + "第三项（七）总计(" + plain(handled) + ")不等于（一）至（六）各项之和(" + plain(outcomes) + ")"));
            }
        }
        for (String row : Cells.requestRows(r.format())) {
            BigDecimal total = r.value(Cells.request(row, Cells.TOTAL));
            BigDecimal applicants = sum(r, Cells.APPLICANT_TYPES.stream().map(c -> Cells.request(row, c)).toList());
            if (total != null && applicants != null && total.compareTo(applicants) != 0) {
                out.add(Finding.error("R3", Cells.request(row, Cells.TOTAL), "第三部分“" + ROW_LABELS.get(row)
                        + "”行：总计(" + plain(total) + ")不等于六类申请人之和(" + plain(applicants) + ")"));
            }
        }
        for (String group : Cells.REVIEW_GROUPS) {
            BigDecimal total = r.value(Cells.review(group, Cells.TOTAL));
            BigDecimal parts = sum(r, Cells.REVIEW_OUTCOMES.stream().map(c -> Cells.review(group, c)).toList());
            if (total != null && parts != null && total.compareTo(parts) != 0) {
                out.add(Finding.error("R4", Cells.review(group, Cells.TOTAL), "第四部分“" + REVIEW_GROUP_LABELS.get(group)
                        + "”：总计(" + plain(total) + ")不等于结果维持、结果纠正、其他结果、尚未审结之和(" + plain(parts) + ")"));
            }
        }
        return out;
    }

    /**
     * R6 (per column: this year's 二 = last year's 四, across 2019→2021 too) and R7 (rules and normative
     * documents in force, only when both years use the 2021 format), severity WARNING. Nothing when there is
     * no previous year's report or either is legacy. The caller passes the report of year N−1.
     */
    public static List<Finding> warnings(ParsedReport r, Optional<ParsedReport> previousYear) {
        List<Finding> out = new ArrayList<>();
        if (previousYear.isEmpty() || !r.format().tabular() || !previousYear.get().format().tabular()) {
            return out;
        }
        ParsedReport prev = previousYear.get();
        for (String column : Cells.APPLICANT_COLUMNS) {
            BigDecimal carriedOver = r.value(Cells.request(Cells.CARRIED_OVER, column));
            BigDecimal lastForward = prev.value(Cells.request(Cells.CARRIED_FORWARD, column));
            if (carriedOver != null && lastForward != null && carriedOver.compareTo(lastForward) != 0) {
                out.add(Finding.warning("R6", Cells.request(Cells.CARRIED_OVER, column), "第三部分“"
                        + COLUMN_LABELS.get(column) + "”列：本年“二、上年结转”(" + plain(carriedOver)
                        + ")不等于上年报告“四、结转下年度继续办理”(" + plain(lastForward) + ")"));
            }
        }
        if (r.format() == ReportFormat.F2021 && prev.format() == ReportFormat.F2021) {
            for (String row : Cells.RULE_ROWS) {
                BigDecimal inForce = r.value(Cells.active(row, Cells.IN_FORCE));
                BigDecimal lastInForce = prev.value(Cells.active(row, Cells.IN_FORCE));
                BigDecimal issued = r.value(Cells.active(row, Cells.ISSUED));
                BigDecimal repealed = r.value(Cells.active(row, Cells.REPEALED));
                if (inForce == null || lastInForce == null || issued == null || repealed == null) {
                    continue;
                }
                BigDecimal expected = lastInForce.add(issued).subtract(repealed);
                if (inForce.compareTo(expected) != 0) {
                    out.add(Finding.warning("R7", Cells.active(row, Cells.IN_FORCE), "第二部分“"
                            + CellCatalog.ACTIVE_ROW_LABELS_2021.get(row) + "”：现行有效件数(" + plain(inForce)
                            + ")不等于上年现行有效件数(" + plain(lastInForce) + ")加本年制发件数(" + plain(issued)
                            + ")减本年废止件数(" + plain(repealed) + ")，即" + plain(expected)));
                }
            }
        }
        return out;
    }

    /** Sum of the cells, or null when any of them is absent (such a report cannot be checked). */
    private static BigDecimal sum(ParsedReport r, List<String> keys) {
        BigDecimal total = BigDecimal.ZERO;
        for (String key : keys) {
            BigDecimal v = r.value(key);
            if (v == null) {
                return null;
            }
            total = total.add(v);
        }
        return total;
    }

    private static String plain(BigDecimal v) {
        return v.toPlainString();
    }
}
