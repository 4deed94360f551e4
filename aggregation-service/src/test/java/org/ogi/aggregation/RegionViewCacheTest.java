package org.ogi.aggregation;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ogi.format.ReportStatus;
import org.ogi.stack.StackTestResource;

/**
 * A region's view is kept between reads and rebuilt only when its rows change: it must never answer an old sum, and
 * its as-of time must move with every event anywhere. In 哈尔滨 (230100; this class alone uses province 23).
 */
@QuarkusTest
@WithTestResource(value = StackTestResource.class, initArgs = @ResourceArg(name = "database", value = "aggregation"))
class RegionViewCacheTest {

    private static final String DAOLI = "230102";
    private static final String DAOWAI = "230103";
    private static final String NEW = "requests.new.total";

    @Test
    void aKeptViewFollowsEveryChangeOfItsRowsAndOfTheAsOfTime() {
        String agency = Fixtures.agencyCode(DAOLI);
        String other = Fixtures.agencyCode(DAOWAI);
        try (TestEvents events = new TestEvents()) {
            events.agency(Fixtures.agency(agency, DAOLI, null, null), Instant.parse("2023-01-01T00:00:00Z"));
            events.agency(Fixtures.agency(other, DAOWAI, null, null), Instant.parse("2023-01-01T00:00:00Z"));
            events.report(Fixtures.state(agency, DAOLI, 2022, 1, 1, ReportStatus.SUBMITTED, true, cells(5)));
            events.flush();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> newRequests(Fixtures.region(2022, DAOLI)) == 5);
        JsonNode first = Fixtures.region(2022, DAOLI);
        assertEquals(first, Fixtures.region(2022, DAOLI), "nothing changed: the same answer");

        try (TestEvents events = new TestEvents()) {
            events.report(Fixtures.state(other, DAOWAI, 2022, 1, 1, ReportStatus.SUBMITTED, true, cells(7)));
            events.flush();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> newRequests(Fixtures.region(2022, DAOWAI)) == 7);
        JsonNode elsewhere = Fixtures.region(2022, DAOWAI);
        JsonNode kept = Fixtures.region(2022, DAOLI);
        assertEquals(5, newRequests(kept));
        assertNotEquals(first.get("asOf"), kept.get("asOf"), "an event elsewhere moves the as-of time");
        assertEquals(elsewhere.get("asOf"), kept.get("asOf"));

        try (TestEvents events = new TestEvents()) {
            events.report(Fixtures.state(agency, DAOLI, 2022, 2, 2, ReportStatus.SUBMITTED, true, cells(9)));
            events.flush();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> newRequests(Fixtures.region(2022, DAOLI)) == 9);
        assertEquals(16, newRequests(Fixtures.region(2022, "230100")), "the prefecture: 9 + 7");
    }

    private static long newRequests(JsonNode view) {
        return Fixtures.cell(view, NEW).longValue();
    }

    private static Map<String, BigDecimal> cells(int newRequests) {
        Map<String, BigDecimal> cells = Fixtures.zeros(2022);
        cells.put(NEW, BigDecimal.valueOf(newRequests));
        return cells;
    }
}
