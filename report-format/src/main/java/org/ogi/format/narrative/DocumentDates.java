package org.ogi.format.narrative;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ogi.format.text.ChineseNumerals;

/**
 * The year a report is about, the date it was signed (a line that is only a date, after the body) and the
 * date the page says it was published (「发布时间：2016-01-13」). Years may be written 二〇一八.
 */
final class DocumentDates {

    static final String YEAR = "(\\d{4}|[〇零一二三四五六七八九]{4})";
    private static final Pattern DATE_LINE = Pattern.compile(
            "^\\s*" + YEAR + "\\s*年\\s*([\\d一二三四五六七八九十]{1,3})\\s*月\\s*([\\d一二三四五六七八九十]{1,3})\\s*日\\s*$");
    private static final Pattern PUBLISHED = Pattern.compile(
            "(?:发布|公开|发文|成文)(?:时间|日期)\\s*[:：]?\\s*" + YEAR + "\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})");
    private static final Pattern REPORTED_AS = Pattern.compile(
            "现将[^。]{0,60}?" + YEAR + "\\s*年度?[^。]{0,40}?(?:报告|总结|汇报)如下");
    private static final Pattern YEAR_REPORT = Pattern.compile(YEAR + "\\s*年度?(?:政府信息公开|政务公开|信息公开)");
    private static final Pattern ANY_YEAR = Pattern.compile(YEAR + "\\s*年");

    private DocumentDates() {
    }

    /** The title's year, else the year of 「现将…年度…报告如下」, else of 「…年度政府信息公开」, else the first year named. */
    static Optional<Integer> reportYear(Optional<String> title, String text) {
        if (title.isPresent()) {
            Matcher m = ANY_YEAR.matcher(title.get());
            if (m.find()) {
                return year(m.group(1));
            }
        }
        for (Pattern p : List.of(REPORTED_AS, YEAR_REPORT, ANY_YEAR)) {
            Matcher m = p.matcher(text.substring(0, Math.min(text.length(), 1500)));
            if (m.find()) {
                return year(m.group(1));
            }
        }
        return Optional.empty();
    }

    /**
     * The year the document itself declares, strictly: its title's, or that of 「现将…年度…报告如下」 or
     * 「…年度政府信息公开」; never merely the first year mentioned. Used to refuse or warn about a wrong year.
     */
    static Optional<Integer> declaredYear(Optional<String> title, String text) {
        if (title.isPresent()) {
            Matcher m = ANY_YEAR.matcher(title.get());
            if (m.find()) {
                return year(m.group(1));
            }
        }
        for (Pattern p : List.of(REPORTED_AS, YEAR_REPORT)) {
            Matcher m = p.matcher(text.substring(0, Math.min(text.length(), 600)));
            if (m.find()) {
                return year(m.group(1));
            }
        }
        return Optional.empty();
    }

    /** The last line consisting of a date only: the signature date at the foot of the report. */
    static Optional<LocalDate> signedOn(String text) {
        Optional<LocalDate> last = Optional.empty();
        for (String line : text.split("\n")) {
            Matcher m = DATE_LINE.matcher(line);
            if (m.matches()) {
                last = date(m.group(1), m.group(2), m.group(3)).or(() -> Optional.empty());
            }
        }
        return last;
    }

    static Optional<LocalDate> publishedOn(String text) {
        Matcher m = PUBLISHED.matcher(text);
        return m.find() ? date(m.group(1), m.group(2), m.group(3)) : Optional.empty();
    }

    static Optional<Integer> year(String y) {
        return ChineseNumerals.parse(y).map(v -> v.intValue()).filter(v -> v >= 1949 && v <= 2100);
    }

    private static Optional<LocalDate> date(String y, String m, String d) {
        Optional<Integer> year = year(y);
        Optional<Integer> month = ChineseNumerals.parse(m).map(v -> v.intValue());
        Optional<Integer> day = ChineseNumerals.parse(d).map(v -> v.intValue());
        if (year.isEmpty() || month.isEmpty() || day.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.of(year.get(), month.get(), day.get()));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
