package org.ogi.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class AgencyCodesTest {

    private static final String CHONGQING = "11500000009275780L"; // 重庆市人民政府

    @Test
    void acceptsTheChongqingGovernmentCode() {
        assertEquals(Optional.empty(), AgencyCodes.problem(CHONGQING));
        assertEquals('L', AgencyCodes.checkCharacter(CHONGQING.substring(0, 17)));
        assertEquals("500000", AgencyCodes.regionPart(CHONGQING));
    }

    @Test
    void rejectsEverySingleCharacterChange() {
        for (int i = 0; i < CHONGQING.length(); i++) {
            for (char c : AgencyCodes.ALPHABET.toCharArray()) {
                if (c == CHONGQING.charAt(i)) {
                    continue;
                }
                String changed = CHONGQING.substring(0, i) + c + CHONGQING.substring(i + 1);
                assertTrue(AgencyCodes.problem(changed).isPresent(), changed);
            }
        }
    }

    @Test
    void explainsAWrongCheckCharacter() {
        assertEquals(Optional.of("统一社会信用代码校验位错误：第18位应为“L”，收到的是“M”"),
                AgencyCodes.problem("11500000009275780M"));
    }

    @Test
    void explainsWrongLengthAndBadCharacters() {
        assertEquals(Optional.of("统一社会信用代码应为18位，收到的是17位"), AgencyCodes.problem("11500000009275780"));
        String withO = AgencyCodes.problem("115000000O9275780L").orElseThrow();
        assertTrue(withO.contains("第10位") && withO.contains("“O”"), withO);
        assertTrue(AgencyCodes.problem("11500000009275780l").orElseThrow().contains("第18位"));
        assertTrue(AgencyCodes.problem(null).isPresent());
    }

    @Test
    void withCheckCharacterProducesValidCodes() {
        for (String first17 : new String[]{"11500000009275780", "11421300MB1234567", "1134180000000000Y", "11000000000000000"}) {
            String code = AgencyCodes.withCheckCharacter(first17);
            assertEquals(first17, code.substring(0, 17));
            assertEquals(Optional.empty(), AgencyCodes.problem(code), code);
        }
        assertThrows(IllegalArgumentException.class, () -> AgencyCodes.checkCharacter("1150000000927578I"));
        assertThrows(IllegalArgumentException.class, () -> AgencyCodes.checkCharacter("115"));
    }
}
