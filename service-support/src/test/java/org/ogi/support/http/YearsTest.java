package org.ogi.support.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ogi.support.problem.ProblemException;

/** What a year in a path or query may be: four ASCII digits, nothing Integer.parseInt would also read. */
class YearsTest {

    @Test
    void fourAsciiDigitsAreAYear() {
        assertEquals(2024, Years.parse("2024"));
        assertEquals(2008, Years.parse("2008"));
        assertEquals(2022, Years.parseQuery("year", "2022"));
        assertNull(Years.parseQuery("year", null));
    }

    @Test
    void digitsJavaAlsoReadsAreNotAYear() {
        // each of these is a year to Integer.parseInt, the JAX-RS int conversion
        for (String text : List.of("２０２４", "٢٠٢٤", "۲۰۲۴", "२०२४", "+2024", "02024", "２02４")) {
            assertEquals(true, canParse(text), text);
            ProblemException e = assertThrows(ProblemException.class, () -> Years.parse(text), text);
            assertEquals(404, e.status(), text);
            assertTrue(e.getMessage().contains("年度须为4位阿拉伯数字") && e.getMessage().contains(text), e.getMessage());
            ProblemException q = assertThrows(ProblemException.class, () -> Years.parseQuery("year", text), text);
            assertEquals(400, q.status(), text);
            assertTrue(q.getMessage().contains("查询参数 year") && q.getMessage().contains(text), q.getMessage());
        }
    }

    @Test
    void anythingElseIsNotAYearAndIsQuotedShort() {
        for (String text : List.of("", "202", "20245", "abcd", "２０２", "-202", "20.4", " 2024")) {
            assertEquals(404, assertThrows(ProblemException.class, () -> Years.parse(text), text).status(), text);
        }
        String long2000 = "9".repeat(2000);
        String detail = assertThrows(ProblemException.class, () -> Years.parse(long2000)).getMessage();
        assertTrue(detail.length() < 120 && detail.contains("9".repeat(40) + "…"), detail);
        assertTrue(assertThrows(ProblemException.class, () -> Years.parse(null)).getMessage().contains("（空）"));
    }

    private static boolean canParse(String text) {
        try {
            Integer.parseInt(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
