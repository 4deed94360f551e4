package org.ogi.format.narrative;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.ogi.format.Finding;
import org.ogi.format.ParsedReport;
import org.ogi.format.ReportFormat;
import org.ogi.format.Severity;
import org.ogi.format.text.TextNormalizer;

/**
 * The checks reviewers do by hand, on one report: a wrong year or document type in the title or text, missing
 * sections, and narrative figures contradicting the tables (R8). {@link #errors} refuse a filing (a legacy text
 * that is not an annual report or declares another year; a 2019/2021 report without one of its narrative
 * sections); {@link #warnings} are stored with it. Near-duplicate text needs other reports and is checked by
 * the filing service with {@link NarrativeSignature}.
 */
public final class QualityChecks {

    public static final String WRONG_YEAR = "WRONG_YEAR";
    public static final String WRONG_DOCUMENT_TYPE = "WRONG_DOCUMENT_TYPE";
    public static final String MISSING_SECTION = "MISSING_SECTION";
    public static final String NEAR_DUPLICATE = "NEAR_DUPLICATE";
    public static final String R8 = "R8";

    private static final Map<String, String> TABULAR_SECTIONS = Map.of(
            "overview", "一、总体情况",
            "problemsAndImprovements", "五、存在的主要问题及改进情况",
            "otherMatters", "六、其他需要报告的事项");

    /** 「…政府信息公开工作年度报告」, 「…年度政府信息公开工作报告」 and 「…年报」 are the document the Regulation asks for. */
    private static final Pattern PROPER_TITLE = Pattern.compile("信息公开[^，。]{0,6}年度报告|年度政府信息公开[^，。]{0,4}报告|信息公开[^，。]{0,4}年报");

    private QualityChecks() {
    }

    public static List<Finding> errors(ParsedReport report, int year) {
        List<Finding> out = new ArrayList<>();
        if (report.format() == ReportFormat.LEGACY) {
            String text = TextNormalizer.normalize(report.texts().getOrDefault("text", ""));
            if (text.isBlank()) {
                out.add(new Finding(MISSING_SECTION, Severity.ERROR, "text", "缺少年度报告正文（text）"));
                return out;
            }
            DocumentClassifier.Classification type = DocumentClassifier.classify(text);
            if (!type.annualReport()) {
                out.add(new Finding(WRONG_DOCUMENT_TYPE, Severity.ERROR, "text", type.reason()));
            }
            DocumentDates.declaredYear(type.title(), text).filter(y -> y != year).ifPresent(y ->
                    out.add(new Finding(WRONG_YEAR, Severity.ERROR, "text", "正文表明这是" + y + "年度的报告，与报送的" + year
                            + "年度不符；请报送" + year + "年度报告，或在" + y + "年度下报送")));
            return out;
        }
        for (String field : report.format().textFields()) {
            String text = report.texts().get(field);
            if (text == null || text.isBlank()) {
                out.add(new Finding(MISSING_SECTION, Severity.ERROR, field, "缺少“" + TABULAR_SECTIONS.get(field) + "”部分（"
                        + field + "），" + report.format().label() + "格式要求该部分有文字内容"));
            }
        }
        return out;
    }

    public static List<Finding> warnings(ParsedReport report, int year) {
        List<Finding> out = new ArrayList<>();
        String text = report.format() == ReportFormat.LEGACY ? report.texts().getOrDefault("text", "")
                : report.texts().getOrDefault("overview", "");
        String normalized = TextNormalizer.normalize(text);
        DocumentClassifier.Classification type = DocumentClassifier.classify(normalized);
        Optional<String> title = type.title();
        if (report.format() != ReportFormat.LEGACY) {
            DocumentDates.declaredYear(title, normalized).filter(y -> y != year).ifPresent(y ->
                    out.add(new Finding(WRONG_YEAR, Severity.WARNING, "overview", "报告文字表明是" + y + "年度（“"
                            + title.orElse(firstLine(normalized)) + "”），报送的是" + year + "年度")));
            if (title.isPresent() && !type.annualReport() && type.kind() != DocumentClassifier.Kind.UNKNOWN) {
                out.add(new Finding(WRONG_DOCUMENT_TYPE, Severity.WARNING, "overview", type.reason()));
            }
        }
        title.filter(t -> type.annualReport() && !PROPER_TITLE.matcher(t).find()).ifPresent(t ->
                out.add(new Finding(WRONG_DOCUMENT_TYPE, Severity.WARNING, report.format() == ReportFormat.LEGACY ? "text"
                        : "overview", "标题“" + t + "”不是政府信息公开工作年度报告的文种，应为“…" + year
                        + "年政府信息公开工作年度报告”（《条例》规定的是政府信息公开工作年度报告，而非工作报告、工作总结或政务公开报告）")));
        if (report.format() == ReportFormat.LEGACY && !normalized.isBlank()) {
            Art32Sections.Presence sections = Art32Sections.detect(new TextUnits(normalized),
                    LegacyFigures.read(new TextUnits(normalized)).chosen());
            for (String missing : sections.missing()) {
                out.add(new Finding(MISSING_SECTION, Severity.WARNING, "text", "缺少《条例》（2008年）第三十二条要求的内容：" + missing));
            }
        }
        out.addAll(NarrativeFigures.contradictions(report));
        return out;
    }

    private static String firstLine(String text) {
        String line = text.lines().findFirst().orElse("");
        return line.length() > 40 ? line.substring(0, 40) + "…" : line;
    }
}
