package org.ogi.format;

import java.util.Optional;

/**
 * GB/T 2260 region codes, by digit pattern only: xx0000 province, xxyy00 prefecture (including the
 * municipalities' xx01 and the pseudo-prefecture xx90 of province-administered counties), else county;
 * 000000 is the nation. Subtree membership is a prefix test, so statistics and access checks need no
 * registry lookup. Whether a code exists (and when) is the registry's business, not this class's.
 */
public final class RegionCodes {

    public static final String NATION = "000000";

    private RegionCodes() {
    }

    /** Exactly six ASCII digits. */
    public static boolean isWellFormed(String code) {
        if (code == null || code.length() != 6) {
            return false;
        }
        for (int i = 0; i < 6; i++) {
            char c = code.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    public static RegionLevel level(String code) {
        require(code);
        if (code.equals(NATION)) {
            return RegionLevel.NATION;
        }
        if (code.endsWith("0000")) {
            return RegionLevel.PROVINCE;
        }
        return code.endsWith("00") ? RegionLevel.PREFECTURE : RegionLevel.COUNTY;
    }

    /** First two digits + "0000". */
    public static String provinceOf(String code) {
        require(code);
        return code.substring(0, 2) + "0000";
    }

    /** First four digits + "00". */
    public static String prefectureOf(String code) {
        require(code);
        return code.substring(0, 4) + "00";
    }

    /** County → its prefecture xxyy00, prefecture → province, province → nation, nation → empty. */
    public static Optional<String> parentOf(String code) {
        return switch (level(code)) {
            case NATION -> Optional.empty();
            case PROVINCE -> Optional.of(NATION);
            case PREFECTURE -> Optional.of(provinceOf(code));
            case COUNTY -> Optional.of(prefectureOf(code));
        };
    }

    /** The prefix every code of the subtree starts with: "" nation, 2 digits province, 4 prefecture, 6 county. */
    public static String subtreePrefix(String code) {
        return switch (level(code)) {
            case NATION -> "";
            case PROVINCE -> code.substring(0, 2);
            case PREFECTURE -> code.substring(0, 4);
            case COUNTY -> code;
        };
    }

    /** True when {@code code} lies in the subtree of {@code ancestor}; a region contains itself. */
    public static boolean contains(String ancestor, String code) {
        require(code);
        return code.startsWith(subtreePrefix(ancestor));
    }

    private static void require(String code) {
        if (!isWellFormed(code)) {
            throw new IllegalArgumentException("not a six-digit region code: " + code);
        }
    }
}
