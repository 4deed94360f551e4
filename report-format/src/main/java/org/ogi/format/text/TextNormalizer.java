package org.ogi.format.text;

import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What real published report pages need before anyone can read figures from them: traditional characters
 * converted to simplified (OpenCC's dictionaries, see {@link Simplifier}), pinyin annotations left by
 * broken converters removed ({@code 關(guān)} → 关), mojibake before such an annotation marked as an unreadable
 * character (the character itself is lost; guessing it from the pinyin would be a guess), full-width digits,
 * letters and brackets made ASCII, and navigation / footer lines of the web page dropped.
 *
 * <p>Line structure is kept (headings are lines); offsets of evidence refer to the normalised text.
 */
public final class TextNormalizer {

    /** Stands for a character destroyed by a broken conversion. */
    public static final char UNREADABLE = '\u3013'; // 〓

    private static final String TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêńňǹḿ";
    private static final String PINYIN = "[a-z" + TONED + "]*[" + TONED + "][a-z" + TONED + "]*";
    /** Mojibake: '?' plus up to three stray ASCII bytes, then the pinyin of the lost character. */
    private static final Pattern MOJIBAKE = Pattern.compile("\\?[\\x21-\\x7e&&[^()（）]]{0,3}[(（]" + PINYIN + "[)）]");
    /** A Han character followed by its toned pinyin in brackets. */
    private static final Pattern ANNOTATION = Pattern.compile("(\\p{IsHan})[(（]" + PINYIN + "[)）]");

    /**
     * Lines a web page wraps around the report: site navigation, breadcrumb, share and print widgets, browser
     * warnings, editor credits. Matched on the whole (trimmed) line, never inside a sentence.
     */
    private static final Pattern DEBRIS = Pattern.compile(
            "^(?:[•·▪●■◆>|]\\s*)?(?:设为首页|加入收藏|长辈版|无障碍|关怀版|繁体|简体|English|网站地图|联系我们|站内搜索|RSS"
            + "|首页\\s*[>|»]|您现在所在的位置|您当前的位置|当前位置|扫一扫|分享到|打印本页|打印文章|关闭窗口|【?打印】?|【?关闭】?"
            + "|您访问的链接即将离开|您的浏览器版本太低|为了更好的浏览体验|建议升级您的浏览器|责任编辑|字体[:：]|字号[:：]|【字体"
            + "|上一篇|下一篇|相关链接|版权所有|主办单位|承办单位|网站标识码|ICP备|公网安备|浏览次数|访问量|阅读次数).*$");
    private static final Pattern SHORT_NAV_ITEM = Pattern.compile("^[•·▪●■◆]\\s*\\S{1,8}\\s*[|｜]?$");

    private TextNormalizer() {
    }

    /**
     * The last few texts normalised on this thread: a filing's checks (signature, R8, title, sections) each normalise
     * the same narratives, and normalising is the costliest step of a filing.
     */
    private static final ThreadLocal<Map<String, String>> RECENT = ThreadLocal.withInitial(() ->
            new LinkedHashMap<>(8, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                    return size() > 16;
                }
            });

    public static String normalize(String raw) {
        if (raw == null) {
            return "";
        }
        return RECENT.get().computeIfAbsent(raw, TextNormalizer::compute);
    }

    private static String compute(String raw) {
        String s = raw.replace("\r\n", "\n").replace('\r', '\n').replace('\u00a0', ' ').replace('\u3000', ' ')
                .replace("\ufeff", "");
        if (hasTonedLetter(s)) { // both patterns need one; scanning every text with them was a filing's costliest step
            s = MOJIBAKE.matcher(s).replaceAll(String.valueOf(UNREADABLE));
            s = ANNOTATION.matcher(s).replaceAll("$1");
        }
        s = halfWidth(s);
        s = Simplifier.toSimplified(s);
        return dropDebris(s);
    }

    private static boolean hasTonedLetter(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '\u00e0' && c <= '\u1e3f' && TONED.indexOf(c) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** Full-width digits, Latin letters, brackets, colon, percent and comma-free punctuation to ASCII. */
    static String halfWidth(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c >= '０' && c <= '９') || (c >= 'Ａ' && c <= 'Ｚ') || (c >= 'ａ' && c <= 'ｚ')
                    || c == '％' || c == '．' || c == '（' || c == '）' || c == '：' || c == '－' || c == '／') {
                out.append((char) (c - 0xFEE0));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String dropDebris(String s) {
        List<String> kept = new ArrayList<>();
        for (String line : s.split("\n", -1)) {
            String t = line.strip();
            if (DEBRIS.matcher(t).matches() || SHORT_NAV_ITEM.matcher(t).matches()) {
                continue;
            }
            kept.add(t);
        }
        StringBuilder out = new StringBuilder();
        boolean blank = true;
        for (String line : kept) {
            if (line.isEmpty()) {
                if (!blank) {
                    out.append('\n');
                }
                blank = true;
                continue;
            }
            out.append(line).append('\n');
            blank = false;
        }
        return out.toString().strip();
    }

    /** Matches '?' mojibake so callers can tell whether a text lost characters. */
    public static boolean lostCharacters(String normalized) {
        return normalized.indexOf(UNREADABLE) >= 0;
    }
}
