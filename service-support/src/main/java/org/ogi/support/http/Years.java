package org.ogi.support.http;

import org.ogi.support.problem.ProblemException;

/**
 * A report year as a request writes it: exactly four ASCII digits. JAX-RS reads an {@code int} parameter with
 * {@link Integer#parseInt}, which also takes full-width and other Unicode digits ("２０２４" is 2024, "٢٠٢٤" too), a
 * sign or leading zeros, so a year is taken as text and read here. A bad year in a path is a 404, as every other
 * malformed path parameter is (JAX-RS's own rule); one in a query is a 400.
 */
public final class Years {

    private static final String RULE = "年度须为4位阿拉伯数字（0-9，如 2024）";

    private Years() {
    }

    /** The year of a path segment such as {@code /reports/{year}/…}; a 404 problem naming the segment otherwise. */
    public static int parse(String segment) {
        if (isFourAsciiDigits(segment)) {
            return Integer.parseInt(segment);
        }
        throw ProblemException.notFound("找不到该资源：请求路径中的" + RULE + "，收到：" + quoted(segment));
    }

    /** The year of an optional query parameter {@code name}; null when absent, a 400 problem when malformed. */
    public static Integer parseQuery(String name, String value) {
        if (value == null) {
            return null;
        }
        if (isFourAsciiDigits(value)) {
            return Integer.parseInt(value);
        }
        throw ProblemException.badRequest("查询参数 " + name + " 无效：" + RULE + "，收到：" + quoted(value));
    }

    static boolean isFourAsciiDigits(String text) {
        if (text == null || text.length() != 4) {
            return false;
        }
        for (int i = 0; i < 4; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** The received text in 「」, cut to 40 characters so a 2,000-digit segment is not echoed whole. */
    private static String quoted(String text) {
        if (text == null) {
            return "（空）";
        }
        return "「" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "」";
    }
}
