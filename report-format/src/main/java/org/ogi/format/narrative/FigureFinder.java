package org.ogi.format.narrative;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ogi.format.text.ChineseNumerals;

/** Finds every statement of a figure in a text by {@link FigureRule}s; choosing among them is the caller's. */
final class FigureFinder {

    /** One statement: the value, whether written as 「800余」, the quoted sentence and its offset. */
    record Figure(String metric, BigDecimal value, boolean approximate, String quote, int offset, String object,
                  String section, String written) {
    }

    private FigureFinder() {
    }

    static List<Figure> find(TextUnits units, FigureRule rule) {
        List<Figure> out = new ArrayList<>();
        for (TextUnits.Sentence s : units.sentences()) {
            if (!rule.relevant().test(s)) {
                continue;
            }
            boolean stated = false;
            for (Pattern p : rule.stated()) {
                Matcher m = p.matcher(s.text());
                while (m.find()) {
                    String object = group(m, "obj");
                    if (object != null && !rule.acceptsObject().test(object)) {
                        continue;
                    }
                    Optional<BigDecimal> v = value(m);
                    if (v.isEmpty()) {
                        continue;
                    }
                    out.add(new Figure(rule.metric(), v.get(), group(m, "approx") != null, s.text(), s.offset(),
                            object == null ? "" : object, s.section(), m.group("num").strip()
                            + (group(m, "approx") == null ? "" : group(m, "approx"))));
                    stated = true;
                }
            }
            if (!stated) {
                for (Pattern p : rule.zero()) {
                    if (p.matcher(s.text()).find()) {
                        out.add(new Figure(rule.metric(), BigDecimal.ZERO, false, s.text(), s.offset(), "", s.section(), "0"));
                        break;
                    }
                }
            }
        }
        return out;
    }

    private static Optional<BigDecimal> value(Matcher m) {
        Optional<BigDecimal> v = ChineseNumerals.parse(m.group("num").replace(" ", ""));
        String unit = group(m, "unit");
        if (v.isPresent() && unit != null && unit.startsWith("万")) {
            v = Optional.of(v.get().multiply(BigDecimal.valueOf(10_000)));
        }
        return v.map(x -> x.signum() == 0 ? BigDecimal.ZERO : x.stripTrailingZeros().scale() < 0
                ? x.stripTrailingZeros().setScale(0) : x.stripTrailingZeros());
    }

    private static String group(Matcher m, String name) {
        try {
            return m.group(name);
        } catch (IllegalArgumentException e) {
            return null; // the pattern has no such group
        }
    }
}
