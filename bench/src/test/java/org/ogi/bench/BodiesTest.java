package org.ogi.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ogi.format.Events;
import org.ogi.format.ParseResult;
import org.ogi.format.ReportFormat;
import org.ogi.format.ReportParser;
import org.ogi.format.ReportRules;
import org.ogi.stack.demo.DemoAgency;

class BodiesTest {

    @Test
    void everyGeneratedReportPassesTheFormatAndTheErrorRules() throws Exception {
        List<DemoAgency> agencies = Nation.agencies(List.of(new Nation.Division("420000", "湖北省", "PROVINCE"),
                new Nation.Division("421300", "随州市", "PREFECTURE"), new Nation.Division("421303", "曾都区", "COUNTY")),
                150, 11);
        for (int year = Bench.FIRST_YEAR; year < Bench.FIRST_YEAR + Bench.YEARS; year++) {
            String[] bodies = Bodies.forYear(agencies, year, 11);
            for (String body : bodies) {
                assertNotNull(body);
                ParseResult parsed = ReportParser.parse(Events.mapper().readTree(body), year);
                assertEquals(List.of(), parsed.errors(), body);
                assertEquals(ReportFormat.F2021, parsed.report().orElseThrow().format());
                assertEquals(List.of(), ReportRules.errors(parsed.report().orElseThrow()));
            }
        }
    }

    @Test
    void rawRowsCarryTheCanonicalBodyAndAReportEvent() throws Exception {
        List<DemoAgency> agencies = Nation.agencies(List.of(new Nation.Division("421300", "随州市", "PREFECTURE")), 5, 1);
        List<RawJdbc.Rows> rows = RawJdbc.rows(agencies, Bodies.forYear(agencies, 2021, 1), 2021);
        assertEquals(agencies.size(), rows.size());
        RawJdbc.Rows first = rows.get(0);
        assertEquals(64, first.hash().length());
        assertTrue(Events.mapper().readTree(first.payload()).path("report").path("cells").size() >= 200);
    }
}
