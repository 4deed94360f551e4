package org.ogi.notification.service;

import io.quarkus.qute.TemplateExtension;

/**
 * {@code {value.md}} in the robot markdown templates: text from agencies and reviewers (names, comments) made inert.
 * Qute escapes only the HTML templates; in a WeCom / DingTalk markdown message {@code <…>} is markup and {@code [..](..)}
 * a link, and a line break would start a forged {@code > …} line, so those characters become their full-width forms.
 */
@TemplateExtension
final class MarkdownText {

    private MarkdownText() {
    }

    static String md(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            out.append(switch (c) {
                case '<' -> '＜';
                case '>' -> '＞';
                case '[' -> '［';
                case ']' -> '］';
                case '`' -> '｀';
                case '*' -> '＊';
                case '_' -> '＿';
                case '#' -> '＃';
                case '\r', '\n', '\t' -> ' ';
                default -> c;
            });
        }
        return out.toString();
    }
}
