package org.ogi.aggregation.service;

import java.math.BigDecimal;

/**
 * The text form of a one-dimensional numeric[] ({@code {1,2.50,NULL}}), both ways. The rebuild writes and reads
 * millions of cells: building and parsing the literal directly is several times cheaper than the driver's generic
 * array objects, and exact (every element is a plain or scientific decimal, read by {@link BigDecimal}).
 */
final class NumericArrayText {

    private static final int LONG_DIGITS = 18;

    private NumericArrayText() {
    }

    /** A numeric[] literal: elements in plain notation, NULL where the report states nothing. */
    static String literal(BigDecimal[] values) {
        StringBuilder s = new StringBuilder(values.length * 4 + 2).append('{');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                s.append(',');
            }
            s.append(values[i] == null ? "NULL" : values[i].toPlainString());
        }
        return s.append('}').toString();
    }

    /** Parses PostgreSQL's output of a one-dimensional numeric[] (null → empty); null elements stay null. */
    static BigDecimal[] parse(String text) {
        if (text == null) {
            return new BigDecimal[0];
        }
        int end = text.length() - 1;
        if (end < 1 || text.charAt(0) != '{' || text.charAt(end) != '}') {
            throw new IllegalArgumentException("not a one-dimensional numeric array: " + shorten(text));
        }
        if (end == 1) {
            return new BigDecimal[0];
        }
        int count = 1;
        for (int i = 1; i < end; i++) {
            if (text.charAt(i) == ',') {
                count++;
            }
        }
        BigDecimal[] values = new BigDecimal[count];
        int from = 1;
        int k = 0;
        for (int i = 1; i <= end; i++) {
            if (i == end || text.charAt(i) == ',') {
                values[k++] = element(text, from, i);
                from = i + 1;
            }
        }
        return values;
    }

    private static BigDecimal element(String text, int from, int to) {
        if (to - from == 4 && text.startsWith("NULL", from)) {
            return null;
        }
        boolean negative = from < to && text.charAt(from) == '-';
        int digitsFrom = negative ? from + 1 : from;
        int digits = to - digitsFrom;
        if (digits > 0 && digits <= LONG_DIGITS) {
            long value = 0;
            boolean plain = true;
            for (int i = digitsFrom; i < to && plain; i++) {
                char ch = text.charAt(i);
                plain = ch >= '0' && ch <= '9';
                value = value * 10 + (ch - '0');
            }
            if (plain) {
                return BigDecimal.valueOf(negative ? -value : value);
            }
        }
        try {
            return new BigDecimal(text.substring(from, to));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a numeric array element: " + shorten(text.substring(from, to)), e);
        }
    }

    private static String shorten(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "…";
    }
}
