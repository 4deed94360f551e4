package org.ogi.submission.service;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ogi.support.problem.ProblemException;

/**
 * Bytes of a posted report page to text: the charset named in Content-Type or in the page's own
 * {@code <meta charset>}, else strict UTF-8, else GB18030 (a superset of GBK and GB2312); HTML reduced to its text
 * with block elements as line breaks, scripts, styles and comments dropped, entities decoded.
 */
public final class PageDecoder {

    private static final Pattern META_CHARSET = Pattern.compile("<meta[^>]+charset\\s*=\\s*[\"']?([\\w.:-]+)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern DROPPED = Pattern.compile(
            "(?is)<!--.*?-->|<(script|style|noscript|template|head)\\b.*?</\\1\\s*>");
    private static final Pattern BLOCK = Pattern.compile(
            "(?i)<\\s*(br|/?p|/?div|/?h[1-6]|/?li|/?tr|/?table|/?section|/?article|/?ul|/?ol|/?blockquote)\\b[^>]*>");
    private static final Pattern CELL = Pattern.compile("(?i)<\\s*/?\\s*(td|th)\\b[^>]*>");
    private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");
    private static final Pattern ENTITY = Pattern.compile("&(#x[0-9a-fA-F]+|#\\d+|[a-zA-Z]+);");

    private PageDecoder() {
    }

    public static String decode(byte[] body, String contentType) {
        boolean html = contentType != null && contentType.toLowerCase(Locale.ROOT).contains("html");
        String text = charsetFromContentType(contentType).map(c -> new String(body, c)).orElseGet(() -> sniff(body, html));
        return html || looksLikeHtml(text) ? htmlToText(text) : text;
    }

    private static String sniff(byte[] body, boolean html) {
        if (html) {
            Matcher m = META_CHARSET.matcher(new String(body, 0, Math.min(body.length, 4096), StandardCharsets.ISO_8859_1));
            if (m.find()) {
                Optional<Charset> c = charset(m.group(1));
                if (c.isPresent()) {
                    return new String(body, c.get());
                }
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return new String(body, Charset.forName("GB18030"));
        }
    }

    static String htmlToText(String html) {
        String s = DROPPED.matcher(html).replaceAll(" ");
        s = BLOCK.matcher(s).replaceAll("\n");
        s = CELL.matcher(s).replaceAll(" ");
        s = TAG.matcher(s).replaceAll("");
        Matcher m = ENTITY.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(entity(m.group(1))));
        }
        m.appendTail(out);
        return out.toString().replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n");
    }

    private static String entity(String name) {
        try {
            if (name.startsWith("#x") || name.startsWith("#X")) {
                return new String(Character.toChars(Integer.parseInt(name.substring(2), 16)));
            }
            if (name.startsWith("#")) {
                return new String(Character.toChars(Integer.parseInt(name.substring(1))));
            }
        } catch (IllegalArgumentException e) {
            return "";
        }
        return switch (name) {
            case "nbsp", "ensp", "emsp" -> " ";
            case "lt" -> "<";
            case "gt" -> ">";
            case "amp" -> "&";
            case "quot" -> "\"";
            case "apos" -> "'";
            case "ldquo" -> "“";
            case "rdquo" -> "”";
            case "middot" -> "·";
            case "mdash" -> "—";
            default -> "";
        };
    }

    private static boolean looksLikeHtml(String text) {
        String head = text.substring(0, Math.min(text.length(), 2000)).toLowerCase(Locale.ROOT);
        return head.contains("<html") || head.contains("<body") || head.contains("<p>") || head.contains("<div");
    }

    private static Optional<Charset> charsetFromContentType(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        Matcher m = Pattern.compile("charset\\s*=\\s*\"?([\\w.:-]+)", Pattern.CASE_INSENSITIVE).matcher(contentType);
        if (!m.find()) {
            return Optional.empty();
        }
        // a charset the caller declared but that does not exist is an error, not a hint to ignore
        return Optional.of(charset(m.group(1)).orElseThrow(() -> ProblemException.badRequest(
                "不支持的字符集：" + m.group(1) + "（见 Content-Type 的 charset），请使用 UTF-8 或 GB18030")));
    }

    private static Optional<Charset> charset(String name) {
        try {
            String n = name.toUpperCase(Locale.ROOT);
            // GB2312 and GBK pages routinely contain characters beyond those tables: read them as GB18030
            return Optional.of(n.equals("GB2312") || n.equals("GBK") ? Charset.forName("GB18030") : Charset.forName(name));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
