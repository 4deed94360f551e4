package org.ogi.format.narrative;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ogi.format.CellDef;
import org.ogi.format.Finding;
import org.ogi.format.ReportFormat;
import org.ogi.format.Severity;
import org.ogi.format.text.TextNormalizer;

/**
 * Reads a legacy report page: normalises the text, classifies the document, finds agency, year, dates, the
 * five figures with evidence and the Art. 32 sections, and notes what a reader would query (a signature dated
 * before the report year ended, one count stated twice with different numbers). Nothing here is keyed to any
 * particular report; region codes come from the caller's registry.
 */
public final class LegacyExtractor {

    /** Finding kinds of an extraction. */
    public static final String SIGNED_BEFORE_YEAR_END = "SIGNED_BEFORE_YEAR_END";
    public static final String CONFLICTING_FIGURES = "CONFLICTING_FIGURES";

    /** Resolves an agency name such as 「随州市工商局」 to the code of its region, when it can be told. */
    @FunctionalInterface
    public interface RegionResolver {
        Optional<String> regionOf(String agencyName, Integer year);

        RegionResolver NONE = (name, year) -> Optional.empty();
    }

    private static final String ORGAN = "(?:局|委|办|厅|院|部|府|会|中心|所|处|室|站|馆|队|署|行|庭)";
    private static final Pattern NAME_BEFORE_YEAR = Pattern.compile(
            "^(?:关于)?([\\p{IsHan}()]{2,40}?" + ORGAN + ")\\s*" + DocumentDates.YEAR + "\\s*年");
    private static final Pattern NAME_IN_REPORTED_AS = Pattern.compile(
            "现将(?:我局|本局|我委|本委|我办|本办|我单位|本单位|我院)?([\\p{IsHan}()]{2,40}?" + ORGAN + ")\\s*"
                    + DocumentDates.YEAR + "\\s*年");
    private static final Pattern NAME_AS_SOURCE = Pattern.compile("(?:来源|信息来源|发布机构)\\s*[:：]\\s*([\\p{IsHan}()]{2,40}?"
            + ORGAN + ")(?=\\s|$|字体)");

    private LegacyExtractor() {
    }

    public static LegacyExtraction extract(String raw, RegionResolver regions) {
        String text = TextNormalizer.normalize(raw);
        DocumentClassifier.Classification type = DocumentClassifier.classify(text);
        String agency = agencyName(text, type.title()).orElse(null);
        Integer year = DocumentDates.reportYear(type.title(), text).orElse(null);
        String region = agency == null ? null : regions.regionOf(agency, year).orElse(null);
        LocalDate signed = DocumentDates.signedOn(text).orElse(null);
        LocalDate published = DocumentDates.publishedOn(text).orElse(null);
        if (!type.annualReport()) {
            return new LegacyExtraction(LegacyExtraction.NOT_ANNUAL_REPORT, type.kind().name(), type.reason(),
                    type.title().orElse(null), agency, region, year, signed, published, emptyMetrics(), List.of(),
                    List.of(), List.of(), text);
        }
        TextUnits units = new TextUnits(text);
        LegacyFigures.Result figures = LegacyFigures.read(units);
        Map<String, LegacyExtraction.Metric> metrics = emptyMetrics();
        figures.chosen().forEach((key, f) -> metrics.put(key, new LegacyExtraction.Metric(f.value(), f.approximate(),
                new LegacyExtraction.Evidence(f.quote(), f.offset()))));
        Art32Sections.Presence sections = Art32Sections.detect(units, figures.chosen());
        List<Finding> findings = new ArrayList<>();
        if (year != null) {
            dateBeforeYearEnd(signed, year, "落款日期").ifPresent(findings::add);
            dateBeforeYearEnd(published, year, "发布日期").ifPresent(findings::add);
        }
        for (FigureFinder.Figure[] c : figures.conflicts()) {
            String label = ReportFormat.LEGACY.cell(c[0].metric()).map(CellDef::label).orElse(c[0].metric());
            findings.add(new Finding(CONFLICTING_FIGURES, Severity.WARNING, c[0].metric(), "文中“" + label + "”有两个不同的数字："
                    + stated(c[0]) + "（" + quote(c[0].quote()) + "）与" + stated(c[1]) + "（" + quote(c[1].quote()) + "）"));
        }
        return new LegacyExtraction(LegacyExtraction.ANNUAL_REPORT, type.kind().name(), null, type.title().orElse(null),
                agency, region, year, signed, published, metrics, sections.present(), sections.missing(), findings, text);
    }

    private static Optional<Finding> dateBeforeYearEnd(LocalDate date, int year, String what) {
        if (date == null || date.getYear() > year) {
            return Optional.empty();
        }
        return Optional.of(new Finding(SIGNED_BEFORE_YEAR_END, Severity.WARNING, null, what + date + "早于报告年度" + year
                + "年结束（报告期至" + year + "年12月31日），可能是" + (year + 1) + "年的笔误"));
    }

    private static String stated(FigureFinder.Figure f) {
        return "“" + f.written() + "”";
    }

    private static String quote(String sentence) {
        return "“" + (sentence.length() > 60 ? sentence.substring(0, 60) + "…" : sentence) + "”";
    }

    static Optional<String> agencyName(String text, Optional<String> title) {
        if (title.isPresent()) {
            Matcher m = NAME_BEFORE_YEAR.matcher(title.get());
            if (m.find()) {
                return Optional.of(m.group(1));
            }
        }
        String head = text.substring(0, Math.min(text.length(), 2000));
        for (Pattern p : List.of(NAME_IN_REPORTED_AS, NAME_AS_SOURCE)) {
            Matcher m = p.matcher(head);
            if (m.find()) {
                return Optional.of(m.group(1));
            }
        }
        return Optional.empty();
    }

    private static Map<String, LegacyExtraction.Metric> emptyMetrics() {
        Map<String, LegacyExtraction.Metric> m = new LinkedHashMap<>();
        for (CellDef def : ReportFormat.LEGACY.cells()) {
            m.put(def.key(), null);
        }
        return m;
    }
}
