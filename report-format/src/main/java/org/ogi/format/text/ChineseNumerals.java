package org.ogi.format.text;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * Numbers as reports write them: Arabic ({@code 1389}, {@code 1,389}, {@code 1.5}), Chinese numerals
 * ({@code 四十二}, {@code 一千三百八十九}, {@code 两万}, {@code 二〇一八} read digit by digit) and mixed forms
 * ({@code 1万}, {@code 1.2万}, {@code 3千}). Units up to 亿.
 */
public final class ChineseNumerals {

    /** Characters that may appear in a Chinese numeral. */
    public static final String CHINESE_CHARS = "零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟";

    private ChineseNumerals() {
    }

    /** The value, or empty when the text is not a number. */
    public static Optional<BigDecimal> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.strip().replace(",", "").replace("，", "");
        if (s.isEmpty()) {
            return Optional.empty();
        }
        int i = 0;
        while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
            i++;
        }
        if (i > 0) {
            BigDecimal base;
            try {
                base = new BigDecimal(s.substring(0, i));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            String rest = s.substring(i);
            if (rest.isEmpty()) {
                return Optional.of(base);
            }
            long unit = 1;
            for (char c : rest.toCharArray()) {
                long u = unit(c);
                if (u == 0) {
                    return Optional.empty();
                }
                unit *= u;
            }
            BigDecimal v = base.multiply(BigDecimal.valueOf(unit)).stripTrailingZeros();
            return Optional.of(v.scale() < 0 ? v.setScale(0) : v);
        }
        return chinese(s).map(BigDecimal::valueOf);
    }

    private static Optional<Long> chinese(String s) {
        boolean anyUnit = false;
        for (char c : s.toCharArray()) {
            if (digit(c) < 0 && unit(c) == 0) {
                return Optional.empty();
            }
            if (unit(c) > 1) {
                anyUnit = true;
            }
        }
        if (!anyUnit) { // 二〇一八: digit by digit
            long v = 0;
            for (char c : s.toCharArray()) {
                v = v * 10 + digit(c);
            }
            return Optional.of(v);
        }
        long total = 0;    // completed 亿 / 万 groups
        long section = 0;  // below 万
        long number = 0;   // the pending digit
        for (char c : s.toCharArray()) {
            int d = digit(c);
            if (d >= 0) {
                number = d;
                continue;
            }
            long u = unit(c);
            if (u == 10 || u == 100 || u == 1000) {
                section += (number == 0 ? 1 : number) * u;  // 十二 = 12: a bare 十 means 一十
                number = 0;
            } else if (u == 10_000) {
                total += (section + number) * u;
                section = 0;
                number = 0;
            } else {          // 亿 scales everything before it
                total = (total + section + number) * u;
                section = 0;
                number = 0;
            }
        }
        return Optional.of(total + section + number);
    }

    private static int digit(char c) {
        return switch (c) {
            case '零', '〇' -> 0;
            case '一', '壹' -> 1;
            case '二', '两', '贰' -> 2;
            case '三', '叁' -> 3;
            case '四', '肆' -> 4;
            case '五', '伍' -> 5;
            case '六', '陆' -> 6;
            case '七', '柒' -> 7;
            case '八', '捌' -> 8;
            case '九', '玖' -> 9;
            default -> -1;
        };
    }

    private static long unit(char c) {
        return switch (c) {
            case '十', '拾' -> 10;
            case '百', '佰' -> 100;
            case '千', '仟' -> 1000;
            case '万' -> 10_000;
            case '亿' -> 100_000_000;
            default -> 0;
        };
    }
}
