package org.ogi.submission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.ogi.format.RegionNames;

/** The registry's region table and report-format's region names (one generator, two outputs) say the same. */
class RegionNamesConsistencyTest {

    private static final Pattern ROW = Pattern.compile("^  \\('(\\d{6})', '([^']*)',", Pattern.MULTILINE);

    @Test
    void everyRowOfTheRegionMigrationHasTheSameNameInReportFormat() throws IOException {
        String sql;
        try (InputStream in = getClass().getResourceAsStream("/db/migration/V2__regions.sql")) {
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Matcher m = ROW.matcher(sql);
        int rows = 0;
        while (m.find()) {
            assertEquals(Optional.of(m.group(2)), RegionNames.of(m.group(1)), m.group(1));
            rows++;
        }
        assertTrue(rows > 3000, "rows parsed: " + rows);
        assertEquals(rows, RegionNames.size());
    }
}
