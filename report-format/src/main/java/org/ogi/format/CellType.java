package org.ogi.format;

/** What a cell may hold; R5 and parsing are driven by it. */
public enum CellType {
    /** Non-negative integer. */
    COUNT,
    /** Any integer: the 2019 format's 本年增/减 (change) cells. */
    SIGNED_COUNT,
    /** Non-negative decimal (money), kept exact. */
    AMOUNT
}
