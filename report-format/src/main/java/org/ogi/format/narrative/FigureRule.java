package org.ogi.format.narrative;

import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * How one figure is stated in prose. {@code stated} patterns carry the groups {@code num} (Arabic or Chinese
 * numeral), optionally {@code approx} (余/多), {@code unit} (元/万元) and {@code obj} (the words between verb and
 * noun, e.g. 「各类党务、政务、业务」); {@code zero} patterns are statements that nothing happened
 * (「未发生…行政复议」), which state 0. A sentence is considered only when {@code relevant} holds for it.
 */
record FigureRule(String metric, List<Pattern> stated, List<Pattern> zero, Predicate<TextUnits.Sentence> relevant,
                  Predicate<String> acceptsObject) {

    /** A number as written: Arabic with optional thousands separators and decimals, or Chinese numerals. */
    static final String NUM = "(?<num>\\d[\\d,]*(?:\\.\\d+)?\\s*[万千]?|[零〇一二两三四五六七八九十百千万亿]+)\\s*(?<approx>余|多)?";
    static final String FILLER = "(?:共计|总计|合计|累计|共有|共|计|达|为|了)?\\s*";

    static Pattern p(String regex) {
        return Pattern.compile(regex.replace("NUM", NUM).replace("FILL", FILLER));
    }

    static Predicate<TextUnits.Sentence> anywhere() {
        return s -> true;
    }

    static Predicate<String> anyObject() {
        return o -> true;
    }
}
