package org.ogi.aggregation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ogi.aggregation.messaging.EventDecoder;
import org.ogi.format.Events;
import org.ogi.format.ReportEvent;
import org.ogi.format.ReportState;
import org.ogi.format.ReportStatus;
import org.ogi.format.Topics;

/** What the consumers refuse (and send to the dead-letter topic), and why. */
class EventDecoderTest {

    private static final String CODE = "11500000009275780L";
    private static final String KEY = Topics.reportKey(CODE, 2022);

    @Test
    void acceptsAWellFormedReportState() {
        assertTrue(EventDecoder.report(KEY, bytes(state("2021", Fixtures.zeros(2022)))).valid());
    }

    @Test
    void refusesWhatCannotBeSummedExactlyWithAReason() {
        Map<String, BigDecimal> unknownCell = new HashMap<>(Fixtures.zeros(2022));
        unknownCell.put("requests.new.aliens", BigDecimal.ONE);
        Map<String, BigDecimal> nullCell = new HashMap<>(Fixtures.zeros(2022));
        nullCell.put("requests.new.total", null);
        assertEquals("unknown format 2030", problem(KEY, bytes(state("2030", Map.of()))));
        assertEquals("cell requests.new.aliens is not part of format 2021", problem(KEY, bytes(state("2021", unknownCell))));
        assertEquals("cell requests.new.total is null, which format 2021 does not allow",
                problem(KEY, bytes(state("2021", nullCell))));
        assertEquals("record key " + CODE + ":2021 is not " + KEY,
                problem(CODE + ":2021", bytes(state("2021", Fixtures.zeros(2022)))));
        assertTrue(problem(KEY, "[1,2".getBytes(StandardCharsets.UTF_8)).startsWith("not a report event in JSON"));
        assertTrue(problem(KEY, new byte[] {(byte) 0xC3, (byte) 0x28}).startsWith("not a report event in JSON"));
        assertTrue(problem(KEY, null).startsWith("null value"));
    }

    private static String problem(String key, byte[] value) {
        return EventDecoder.report(key, value).problem();
    }

    private static ReportEvent state(String format, Map<String, BigDecimal> cells) {
        ReportState s = new ReportState(CODE, "500000", 2022, 1, 1, ReportStatus.SUBMITTED, format, Instant.now(),
                null, true, cells, List.of(), null, null, null);
        return ReportEvent.of(ReportEvent.FILED, s, Instant.now());
    }

    private static byte[] bytes(ReportEvent event) {
        return Events.toJson(event).getBytes(StandardCharsets.UTF_8);
    }
}
