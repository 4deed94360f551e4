package org.ogi.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ogi.format.ReportFormat;

class ReadsTest {

    @Test
    void baselineSumsEveryCellOfTheFormat() {
        String sql = Reads.baselineSql(ReportFormat.F2021);
        assertEquals(ReportFormat.F2021.cells().size(), sql.split("sum\\(").length - 1);
        assertTrue(sql.contains("#>> '{requests,new,total}'"), sql);
    }

    @Test
    void regionPrefixesFollowTheCodeLevels() {
        assertEquals("", Reads.prefix("000000"));
        assertEquals("42", Reads.prefix("420000"));
        assertEquals("4213", Reads.prefix("421300"));
        assertEquals("421303", Reads.prefix("421303"));
    }
}
