package org.ogi.format.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ChineseNumeralsTest {

    private static long v(String s) {
        return ChineseNumerals.parse(s).orElseThrow().longValueExact();
    }

    @Test
    void readsChineseNumeralsAsReportsWriteThem() {
        assertEquals(42, v("四十二"));
        assertEquals(10, v("十"));
        assertEquals(12, v("十二"));
        assertEquals(105, v("一百零五"));
        assertEquals(1389, v("一千三百八十九"));
        assertEquals(20000, v("两万"));
        assertEquals(35000, v("三万五千"));
        assertEquals(120_030_000L, v("一亿二千零三万"));
        assertEquals(2018, v("二〇一八"));
        assertEquals(0, v("零"));
    }

    @Test
    void readsArabicAndMixedForms() {
        assertEquals(1389, v("1,389"));
        assertEquals(10000, v("1万"));
        assertEquals(new BigDecimal("12000"), ChineseNumerals.parse("1.2万").orElseThrow());
        assertEquals(new BigDecimal("9116.36"), ChineseNumerals.parse("9116.36").orElseThrow());
    }

    @Test
    void refusesWhatIsNotANumber() {
        assertTrue(ChineseNumerals.parse("若干").isEmpty());
        assertTrue(ChineseNumerals.parse("").isEmpty());
        assertTrue(ChineseNumerals.parse("12件").isEmpty());
    }
}
