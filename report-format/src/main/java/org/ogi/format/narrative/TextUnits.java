package org.ogi.format.narrative;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sentences and numbered headings of a normalised report text, with offsets, so that a figure can be quoted
 * with its sentence and interpreted within the section it stands in (a count under 「依申请公开」 is about
 * requests even when the sentence does not say so).
 */
final class TextUnits {

    /** A sentence (without its terminator) and where it starts; {@code section} = the headings above it. */
    record Sentence(String text, int offset, String section) {
    }

    /** A numbered heading: level 1 「一、」, level 2 「（一）」; {@code title} up to the first full stop. */
    record Heading(int level, String title, int offset) {
    }

    private static final Pattern LEVEL1 = Pattern.compile("^[一二三四五六七八九十]{1,3}[、.]\\s*");
    private static final Pattern LEVEL2 = Pattern.compile("^[(][一二三四五六七八九十]{1,3}[)]\\s*");
    private static final Pattern END = Pattern.compile("[。;；!！?？\n]");
    static final int MAX_HEADING = 40;

    private final String text;
    private final List<Heading> headings = new ArrayList<>();
    private final List<Sentence> sentences = new ArrayList<>();

    TextUnits(String text) {
        this.text = text;
        int lineStart = 0;
        for (String line : text.split("\n", -1)) {
            heading(line, lineStart);
            lineStart += line.length() + 1;
        }
        Matcher m = END.matcher(text);
        int start = 0;
        while (start < text.length()) {
            int end = m.find(start) ? m.start() : text.length();
            String raw = text.substring(start, end);
            String t = raw.strip();
            if (!t.isEmpty()) {
                int offset = start + raw.indexOf(t.charAt(0));
                sentences.add(new Sentence(t, offset, sectionAt(offset)));
            }
            start = end + 1;
        }
    }

    private void heading(String line, int offset) {
        Matcher l1 = LEVEL1.matcher(line);
        Matcher l2 = LEVEL2.matcher(line);
        int level = l1.find() ? 1 : l2.find() ? 2 : 0;
        if (level == 0) {
            return;
        }
        String rest = line.substring(level == 1 ? l1.end() : l2.end());
        int stop = rest.indexOf('。');
        String title = (stop >= 0 ? rest.substring(0, stop) : rest).strip();
        if (title.length() > MAX_HEADING) {
            int comma = title.indexOf('，');
            title = comma > 0 && comma <= MAX_HEADING ? title.substring(0, comma) : title.substring(0, MAX_HEADING);
        }
        if (!title.isEmpty()) {
            headings.add(new Heading(level, title, offset));
        }
    }

    /** The level-1 heading and, below it, the level-2 heading in force at {@code offset}, joined by " / ". */
    private String sectionAt(int offset) {
        String top = "";
        String sub = "";
        for (Heading h : headings) {
            if (h.offset() > offset) {
                break;
            }
            if (h.level() == 1) {
                top = h.title();
                sub = "";
            } else {
                sub = h.title();
            }
        }
        return sub.isEmpty() ? top : top + " / " + sub;
    }

    String text() {
        return text;
    }

    List<Heading> headings() {
        return headings;
    }

    List<Sentence> sentences() {
        return sentences;
    }
}
