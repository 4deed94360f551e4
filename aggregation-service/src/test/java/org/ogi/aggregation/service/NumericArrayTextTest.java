package org.ogi.aggregation.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The numeric[] text the rebuild writes and reads is exact both ways (the rebuild tests cover it against PostgreSQL). */
class NumericArrayTextTest {

    @Test
    void parsesIntegersDecimalsNegativesNullsAndLongNumbersExactly() {
        BigDecimal[] values = NumericArrayText.parse("{0,42,-7,12.50,NULL,1234567890123456789012,-0.001,1E+3}");
        assertEquals(8, values.length);
        assertEquals(new BigDecimal("0"), values[0]);
        assertEquals(new BigDecimal("42"), values[1]);
        assertEquals(new BigDecimal("-7"), values[2]);
        assertEquals(new BigDecimal("12.50"), values[3]); // scale kept, as PostgreSQL prints it
        assertNull(values[4]);
        assertEquals(new BigDecimal("1234567890123456789012"), values[5]);
        assertEquals(new BigDecimal("-0.001"), values[6]);
        assertEquals(0, new BigDecimal("1000").compareTo(values[7]));
        assertEquals(0, NumericArrayText.parse("{}").length);
        assertEquals(0, NumericArrayText.parse(null).length);
        assertEquals(new BigDecimal("999999999999999999"), NumericArrayText.parse("{999999999999999999}")[0]);
        assertEquals(new BigDecimal("9999999999999999999"), NumericArrayText.parse("{9999999999999999999}")[0]);
    }

    @Test
    void literalRoundTripsThroughParse() {
        BigDecimal[] values = {BigDecimal.ZERO, null, new BigDecimal("3.25"), new BigDecimal("1E+3"),
            new BigDecimal("-12"), null};
        String literal = NumericArrayText.literal(values);
        assertEquals("{0,NULL,3.25,1000,-12,NULL}", literal);
        BigDecimal[] back = NumericArrayText.parse(literal);
        assertEquals(values.length, back.length);
        for (int i = 0; i < values.length; i++) {
            assertEquals(values[i] == null, back[i] == null);
            if (values[i] != null) {
                assertEquals(0, values[i].compareTo(back[i]), "element " + i);
            }
        }
        assertEquals("{}", NumericArrayText.literal(new BigDecimal[0]));
    }

    @Test
    void refusesWhatIsNotAOneDimensionalNumericArray() {
        assertThrows(IllegalArgumentException.class, () -> NumericArrayText.parse("1,2"));
        assertThrows(IllegalArgumentException.class, () -> NumericArrayText.parse("{{1,2},{3,4}}"));
        assertThrows(IllegalArgumentException.class, () -> NumericArrayText.parse("{1,x}"));
        assertThrows(IllegalArgumentException.class, () -> NumericArrayText.parse("{1,,2}"));
        assertThrows(IllegalArgumentException.class, () -> NumericArrayText.parse("{NaN}"));
    }

    @Test
    void aStateAddsToEachDistinctCodeOfItsPatternAndTheirPrefixesBoundTheStream() {
        assertArrayEquals(new String[] {"421381", "421300", "420000", "000000"},
                RebuiltTotals.pattern("421381").toArray());
        assertArrayEquals(new String[] {"421300", "420000", "000000"}, RebuiltTotals.pattern("421300").toArray());
        assertArrayEquals(new String[] {"420000", "000000"}, RebuiltTotals.pattern("420000").toArray());
        assertArrayEquals(new String[] {"000000"}, RebuiltTotals.pattern("000000").toArray());
        assertEquals("421381", RebuiltTotals.prefix("421381"));
        assertEquals("4213", RebuiltTotals.prefix("421300"));
        assertEquals("42", RebuiltTotals.prefix("420000"));
        assertEquals("", RebuiltTotals.prefix("000000"));
    }
}
