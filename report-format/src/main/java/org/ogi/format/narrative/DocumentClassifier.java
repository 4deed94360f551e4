package org.ogi.format.narrative;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells an annual report from what agencies post in its place: a work plan or key-points document for the
 * coming year (实施方案, 工作要点, 工作计划), a notice (通知, 公告), a cover letter (…的函, 关于报送…). The
 * title decides when there is one; otherwise the body's own words (「现将…报告如下」, 「制定本方案」, 「特此通知」).
 */
public final class DocumentClassifier {

    public enum Kind { ANNUAL_REPORT, WORK_PLAN, NOTICE, COVER_LETTER, UNKNOWN }

    /** The kind, the title it was read from (if any) and, for anything but a report, the reason in Chinese. */
    public record Classification(Kind kind, Optional<String> title, String reason) {
        public boolean annualReport() {
            return kind == Kind.ANNUAL_REPORT;
        }
    }

    private static final int TITLE_MAX = 60;
    private static final Pattern TITLE_WORDS = Pattern.compile("报告|总结|方案|要点|计划|规划|通知|公告|通告|函$|意见$");
    private static final Pattern PLAN_TITLE = Pattern.compile("(实施方案|工作方案|方案|工作要点|要点|工作计划|计划|规划)$");
    private static final Pattern NOTICE_TITLE = Pattern.compile("(通知|公告|通告)$");
    private static final Pattern LETTER_TITLE = Pattern.compile("(的函|报告的函|函)$|^关于报送|^关于上报");
    private static final Pattern REPORT_TITLE = Pattern.compile("(报告|总结)$");
    private static final Pattern REPORT_BODY = Pattern.compile("现将[^。]{0,80}?(?:报告|总结|汇报)如下|本报告|年度报告");
    private static final Pattern PLAN_BODY = Pattern.compile("制定本方案|制订本方案|特制定如下方案|现制定|工作要点如下");
    private static final Pattern NOTICE_BODY = Pattern.compile("特此通知|现就有关事项通知如下|现将有关事项通知如下");
    private static final Pattern LETTER_BODY = Pattern.compile("特此函告|请予审阅|请审阅|请查收|现报送|现将[^。]{0,40}报送");

    private DocumentClassifier() {
    }

    public static Classification classify(String normalized) {
        Optional<String> title = title(normalized);
        if (title.isPresent()) {
            String t = title.get().replaceAll("[\\s(（][^)）]*[)）]$", "").strip();
            Matcher plan = PLAN_TITLE.matcher(t);
            if (plan.find()) {
                return new Classification(Kind.WORK_PLAN, title,
                        "这是一份工作" + (plan.group(1).contains("要点") ? "要点" : plan.group(1).contains("计划") ? "计划" : "方案")
                                + "（标题为“" + title.get() + "”），是对今后工作的安排，不是对已结束年度的政府信息公开工作年度报告");
            }
            if (LETTER_TITLE.matcher(t).find()) {
                return new Classification(Kind.COVER_LETTER, title,
                        "这是一份报送函（标题为“" + title.get() + "”），不是年度报告本身；请报送年度报告全文");
            }
            if (NOTICE_TITLE.matcher(t).find()) {
                return new Classification(Kind.NOTICE, title,
                        "这是一份通知或公告（标题为“" + title.get() + "”），不是政府信息公开工作年度报告");
            }
            if (REPORT_TITLE.matcher(t).find()) {
                return new Classification(Kind.ANNUAL_REPORT, title, "");
            }
        }
        String head = normalized.substring(0, Math.min(normalized.length(), 3000));
        if (PLAN_BODY.matcher(head).find() && !REPORT_BODY.matcher(head).find()) {
            return new Classification(Kind.WORK_PLAN, title, "正文表明这是一份工作方案或工作要点（如“制定本方案”），不是年度报告");
        }
        if (NOTICE_BODY.matcher(head).find() && !REPORT_BODY.matcher(head).find()) {
            return new Classification(Kind.NOTICE, title, "正文表明这是一份通知（如“特此通知”），不是年度报告");
        }
        if (LETTER_BODY.matcher(head).find() && normalized.length() < 1500) {
            return new Classification(Kind.COVER_LETTER, title, "正文表明这是一份报送函，不是年度报告全文");
        }
        if (REPORT_BODY.matcher(head).find() || head.contains("政府信息公开")) {
            return new Classification(Kind.ANNUAL_REPORT, title, "");
        }
        return new Classification(Kind.UNKNOWN, title,
                "未能识别为政府信息公开工作年度报告：没有“…年度报告”标题，也没有“现将…报告如下”等表述，且未提及政府信息公开");
    }

    /** The first short line among the first few that names a document type and is not a sentence. */
    static Optional<String> title(String normalized) {
        int seen = 0;
        for (String line : normalized.split("\n")) {
            String t = line.strip();
            if (t.isEmpty()) {
                continue;
            }
            if (++seen > 6) {
                break;
            }
            if (t.length() <= TITLE_MAX && !t.endsWith("。") && !t.endsWith("：") && !t.endsWith(":")
                    && TITLE_WORDS.matcher(t).find() && !t.startsWith("发布") && !t.contains("位置")) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
