package org.ogi.stack.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/** The values and byte sequences every generator draws from: injection strings, broken UTF-8, absurd numbers. */
public final class Hostile {

    public static final String SQL = "'; drop table report; --";
    public static final String SQL_OR = "1' OR '1'='1";
    public static final String SCRIPT = "<script>alert(1)</script>";
    public static final String IMG = "<img src=x onerror=alert(1)>";
    public static final String CLOSE_TD = "</td><script>alert(1)</script>";

    public static final List<String> INJECTIONS = List.of(SQL, SQL_OR, SCRIPT, IMG, CLOSE_TD, "${jndi:ldap://x/a}",
            "{{7*7}}", "../../../../etc/passwd", "%00", "\u0000");

    /** Content types no write endpoint here accepts for a JSON body. */
    public static final List<String> WRONG_JSON_TYPES = List.of("text/plain", "application/xml", "text/html",
            "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/octet-stream", "text/csv");

    /** Query or path parameter values that are not a year, a code or an instant. */
    public static final List<String> PARAMETERS = List.of("", " ", "abc", "-1", "0", "99999999999999999999", "1e3",
            "2022.5", "NaN", "Infinity", SQL, SQL_OR, SCRIPT, IMG, "../../etc/passwd", "9".repeat(2000),
            "null", "true", "[]", "{}");

    private Hostile() {
    }

    /** {@code body} with {@code bad} bytes spliced in at a random place. */
    public static byte[] splice(byte[] body, byte[] bad, Random random) {
        int at = body.length == 0 ? 0 : random.nextInt(body.length);
        byte[] out = new byte[body.length + bad.length];
        System.arraycopy(body, 0, out, 0, at);
        System.arraycopy(bad, 0, out, at, bad.length);
        System.arraycopy(body, at, out, at + bad.length, body.length - at);
        return out;
    }

    /** A byte sequence that is not UTF-8: a lone lead byte, a lone continuation, an overlong form, a surrogate. */
    public static byte[] invalidUtf8(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> new byte[] {(byte) 0xC3, (byte) 0x28};
            case 1 -> new byte[] {(byte) 0x80};
            case 2 -> new byte[] {(byte) 0xC0, (byte) 0xAF};
            default -> new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80};
        };
    }

    public static <T> T pick(List<T> values, Random random) {
        return values.get(random.nextInt(values.size()));
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
