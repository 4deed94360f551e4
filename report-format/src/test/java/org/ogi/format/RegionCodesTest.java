package org.ogi.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class RegionCodesTest {

    @Test
    void wellFormedCodesAreSixDigits() {
        assertTrue(RegionCodes.isWellFormed("421303"));
        assertTrue(RegionCodes.isWellFormed(RegionCodes.NATION));
        assertFalse(RegionCodes.isWellFormed("42130"));
        assertFalse(RegionCodes.isWellFormed("42130X"));
        assertFalse(RegionCodes.isWellFormed("４２１３０３"));
        assertFalse(RegionCodes.isWellFormed(null));
    }

    @Test
    void levelFollowsTheDigitPattern() {
        assertEquals(RegionLevel.NATION, RegionCodes.level("000000"));
        assertEquals(RegionLevel.PROVINCE, RegionCodes.level("420000"));
        assertEquals(RegionLevel.PREFECTURE, RegionCodes.level("421300"));
        assertEquals(RegionLevel.PREFECTURE, RegionCodes.level("110100"));
        assertEquals(RegionLevel.PREFECTURE, RegionCodes.level("429000"));
        assertEquals(RegionLevel.COUNTY, RegionCodes.level("429004"));
        assertThrows(IllegalArgumentException.class, () -> RegionCodes.level("4213"));
    }

    @Test
    void parentsClimbToTheNation() {
        assertEquals(Optional.of("421300"), RegionCodes.parentOf("421303"));
        assertEquals(Optional.of("429000"), RegionCodes.parentOf("429004"));
        assertEquals(Optional.of("420000"), RegionCodes.parentOf("421300"));
        assertEquals(Optional.of("000000"), RegionCodes.parentOf("420000"));
        assertEquals(Optional.empty(), RegionCodes.parentOf("000000"));
        assertEquals("430000", RegionCodes.provinceOf("430212"));
        assertEquals("430200", RegionCodes.prefectureOf("430212"));
    }

    @Test
    void subtreePrefixesHaveTheLevelsLength() {
        assertEquals("", RegionCodes.subtreePrefix("000000"));
        assertEquals("34", RegionCodes.subtreePrefix("340000"));
        assertEquals("3418", RegionCodes.subtreePrefix("341800"));
        assertEquals("1101", RegionCodes.subtreePrefix("110100"));
        assertEquals("4290", RegionCodes.subtreePrefix("429000"));
        assertEquals("341882", RegionCodes.subtreePrefix("341882"));
    }

    @Test
    void containmentIsAPrefixTestAndReflexive() {
        assertTrue(RegionCodes.contains("000000", "341882"));
        assertTrue(RegionCodes.contains("340000", "341882"));
        assertTrue(RegionCodes.contains("341800", "341882"));
        assertTrue(RegionCodes.contains("341882", "341882"));
        assertTrue(RegionCodes.contains("420000", "429004"));
        assertFalse(RegionCodes.contains("341800", "430212"));
        assertFalse(RegionCodes.contains("341882", "341800"));
        assertFalse(RegionCodes.contains("421300", "429004"));
    }
}
