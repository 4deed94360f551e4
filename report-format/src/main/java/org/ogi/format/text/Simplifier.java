package org.ogi.format.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * Traditional to simplified Chinese with OpenCC's own dictionaries (TSPhrases, then TSCharacters, first candidate;
 * read from the opencc4j jar): maximum forward matching, as OpenCC converts. opencc4j's converter built a trie of
 * 250,000 map nodes (about 25 MB of every submission-service heap) and walked it for each character of every
 * narrative; here a character costs one array read, and a text with no traditional character is returned as it is.
 */
final class Simplifier {

    private static final String DICTIONARIES = "data/dictionary/";
    private static final int PAIR_BITS = 1 << 20;
    private static final Simplifier INSTANCE = new Simplifier();

    /** Simplified form of each BMP character that maps to one BMP character; 0 where there is none. */
    private final char[] single = new char[Character.MAX_VALUE + 1];
    /** Characters mapped to something else than one BMP character (supplementary ones, on either side). */
    private final Map<Integer, String> other = new HashMap<>();
    /** BMP characters the conversion may change: mapped ones, the BMP keys of {@link #other}, phrase starts. */
    private final BitSet changes = new BitSet(Character.MAX_VALUE + 1);
    /** Traditional phrases, and the BMP characters that start one. */
    private final Map<String, String> phrases = new HashMap<>();
    private final BitSet phraseStart = new BitSet(Character.MAX_VALUE + 1);
    /** A filter on phrases' first two characters: most phrase starts are common characters (一, 不, 上 …). */
    private final BitSet phrasePairs = new BitSet(PAIR_BITS);
    private int longestPhrase;

    private Simplifier() {
        read("TSCharacters.txt", (from, to) -> {
            int cp = from.codePointAt(0);
            if (to.equals(from)) {
                return;
            }
            if (cp <= Character.MAX_VALUE && to.length() == 1) {
                single[cp] = to.charAt(0);
            } else {
                other.put(cp, to);
            }
            if (cp <= Character.MAX_VALUE) {
                changes.set(cp);
            }
        });
        read("TSPhrases.txt", (from, to) -> {
            phrases.put(from, to);
            phraseStart.set(from.charAt(0));
            phrasePairs.set(pair(from, 0));
            changes.set(from.charAt(0));
            longestPhrase = Math.max(longestPhrase, from.length());
        });
    }

    static String toSimplified(String s) {
        return INSTANCE.convert(s);
    }

    String convert(String s) {
        int first = firstToConvert(s);
        if (first < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length()).append(s, 0, first);
        int i = first;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (phraseStart.get(c)) {
                int matched = matchPhrase(s, i, out);
                if (matched > 0) {
                    i += matched;
                    continue;
                }
            }
            int cp = s.codePointAt(i);
            int width = Character.charCount(cp);
            String to = width == 1 && !changes.get(c) ? null : other.get(cp);
            if (width == 1 && single[c] != 0) {
                out.append(single[c]);
            } else if (to != null) {
                out.append(to);
            } else {
                out.appendCodePoint(cp);
            }
            i += width;
        }
        return out.toString();
    }

    /** Index of the first character a dictionary changes or a phrase may start at, or -1. */
    private int firstToConvert(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                continue;
            }
            if (changes.get(c) || Character.isHighSurrogate(c) && other.containsKey(s.codePointAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** Appends the longest phrase starting at {@code at}; returns its length, or 0 if none starts there. */
    private int matchPhrase(String s, int at, StringBuilder out) {
        if (at + 1 >= s.length() || !phrasePairs.get(pair(s, at))) {
            return 0;
        }
        for (int len = Math.min(longestPhrase, s.length() - at); len >= 2; len--) {
            String to = phrases.get(s.substring(at, at + len));
            if (to != null) {
                out.append(to);
                return len;
            }
        }
        return 0;
    }

    private static int pair(String s, int at) {
        return ((s.charAt(at) * 31 + s.charAt(at + 1)) * 0x9E3779B1 >>> 12) & (PAIR_BITS - 1);
    }

    private interface Entry {
        void accept(String from, String to);
    }

    private static void read(String file, Entry entry) {
        try (InputStream in = Simplifier.class.getClassLoader().getResourceAsStream(DICTIONARIES + file)) {
            if (in == null) {
                throw new IllegalStateException("OpenCC dictionary " + file + " is not on the class path");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                int tab = line.indexOf('\t');
                if (tab <= 0) {
                    continue;
                }
                String to = line.substring(tab + 1).strip();
                int space = to.indexOf(' ');
                entry.accept(line.substring(0, tab), space < 0 ? to : to.substring(0, space));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
