package org.ogi.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class RegionNamesTest {

    @Test
    void namesTheNationProvincesPrefecturesCountiesAndRetiredCodes() {
        assertEquals(Optional.of("全国"), RegionNames.of(RegionCodes.NATION));
        assertEquals(Optional.of("湖北省"), RegionNames.of("420000"));
        assertEquals(Optional.of("随州市"), RegionNames.of("421300"));
        assertEquals(Optional.of("曾都区"), RegionNames.of("421303"));
        assertEquals(Optional.of("株洲县"), RegionNames.of("430221"));
        assertEquals(Optional.of("广德市"), RegionNames.of("341882"));
    }

    @Test
    void unknownCodesHaveNoNameAndTheTableIsComplete() {
        assertTrue(RegionNames.of("421399").isEmpty());
        assertEquals(3351, RegionNames.size(), "the rows of V2__regions.sql");
    }
}
