package org.ogi.format;

import java.util.Optional;

/**
 * GB 32100-2015 unified social credit codes (统一社会信用代码), the agencies' identifiers. Checked on every
 * registration so that a mistyped code is refused with a reason instead of creating a phantom agency.
 */
public final class AgencyCodes {

    public static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    public static final int LENGTH = 18;
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    private AgencyCodes() {
    }

    /** Empty when valid; otherwise a Chinese reason (length, which character where, or expected vs got check). */
    public static Optional<String> problem(String code) {
        if (code == null || code.isEmpty()) {
            return Optional.of("统一社会信用代码不能为空");
        }
        if (code.length() != LENGTH) {
            return Optional.of("统一社会信用代码应为18位，收到的是" + code.length() + "位");
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = code.charAt(i);
            if (ALPHABET.indexOf(c) < 0) {
                return Optional.of("统一社会信用代码第" + (i + 1) + "位的字符“" + c
                        + "”不允许使用（只能是数字和除I、O、Z、S、V以外的大写字母）");
            }
        }
        char expected = checkCharacter(code.substring(0, LENGTH - 1));
        char got = code.charAt(LENGTH - 1);
        if (expected != got) {
            return Optional.of("统一社会信用代码校验位错误：第18位应为“" + expected + "”，收到的是“" + got + "”");
        }
        return Optional.empty();
    }

    public static boolean isValid(String code) {
        return problem(code).isEmpty();
    }

    /** C = 31 − (Σ value(cᵢ)·Wᵢ mod 31), 31 → 0; the check character is ALPHABET[C]. */
    public static char checkCharacter(String first17) {
        if (first17 == null || first17.length() != LENGTH - 1) {
            throw new IllegalArgumentException("need the first 17 characters, got " + first17);
        }
        int sum = 0;
        for (int i = 0; i < LENGTH - 1; i++) {
            int value = ALPHABET.indexOf(first17.charAt(i));
            if (value < 0) {
                throw new IllegalArgumentException("character '" + first17.charAt(i) + "' at " + (i + 1)
                        + " is not in the GB 32100 alphabet");
            }
            sum += value * WEIGHTS[i];
        }
        int c = 31 - sum % 31;
        return ALPHABET.charAt(c == 31 ? 0 : c);
    }

    /** The 18-character code for 17 given characters, e.g. for generators and test data. */
    public static String withCheckCharacter(String first17) {
        return first17 + checkCharacter(first17);
    }

    /** Characters 3–8: the GB/T 2260 region code of the registering authority. */
    public static String regionPart(String code) {
        if (code == null || code.length() < 8) {
            throw new IllegalArgumentException("too short for a unified social credit code: " + code);
        }
        return code.substring(2, 8);
    }
}
