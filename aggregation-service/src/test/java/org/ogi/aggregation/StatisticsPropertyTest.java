package org.ogi.aggregation;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.ogi.aggregation.RandomWorld.RegionYear;
import org.ogi.aggregation.domain.Compliance;
import org.ogi.aggregation.domain.RegionChain;
import org.ogi.format.RegionCodes;
import org.ogi.aggregation.service.ReportApplier;
import org.ogi.format.ReportEvent;
import org.ogi.format.ReportState;
import org.ogi.format.ReportStatus;
import org.ogi.format.Topics;
import org.ogi.stack.StackTestResource;

/**
 * The incremental statistics equal a brute-force recomputation from the final states, whatever the delivery order.
 * This class alone uses the provinces 35, 44, 53, 62, 63 and the years 2016, 2020, 2023, 2024 and 2025, so the
 * nation's sums for those years are its own. Set -Dogi.seed=N to replay a failing run.
 */
@QuarkusTest
@WithTestResource(value = StackTestResource.class, initArgs = @ResourceArg(name = "database", value = "aggregation"))
class StatisticsPropertyTest {

    private static final Logger LOG = Logger.getLogger(StatisticsPropertyTest.class);
    private static final List<Integer> YEARS = List.of(2016, 2020, 2023);
    private static final int BURST_YEAR = 2024;
    private static final int APPLIER_YEAR = 2025;

    private final ReportApplier applier;
    private final KafkaClientService kafka;

    StatisticsPropertyTest(ReportApplier applier, KafkaClientService kafka) {
        this.applier = applier;
        this.kafka = kafka;
    }

    @Test
    void everyRegionsSumsAndComplianceEqualARecomputationFromTheFinalStatesWhateverTheDeliveryOrder() {
        long seed = Long.getLong("ogi.seed", System.nanoTime());
        Random random = new Random(seed);
        RandomWorld world = new RandomWorld(random, List.of("350000", "440000", "530000"), YEARS, 4);
        List<ReportState> deliveries = withDuplicatesShuffled(world.reportEvents, random);
        List<RandomWorld.AgencyEvent> agencyDeliveries = withDuplicatesShuffled(world.agencyEvents, random);
        long withdrawn = world.finalReports.values().stream().filter(r -> r.status() == ReportStatus.WITHDRAWN).count();
        LOG.infof("seed %d: %d regions, %d agencies, %d report keys (%d finally withdrawn), %d report deliveries",
                seed, world.knownRegions().size(), world.finalAgencies.size(), world.finalReports.size(), withdrawn,
                deliveries.size());

        // with a backlog the batches are large and hold several states of a key; without, they are small and interleaved
        long elapsed = produceAndAwait(agencyDeliveries, deliveries, random.nextBoolean());
        LOG.infof("seed %d: %d report events consumed in %d ms: %.0f events/s end to end", seed, deliveries.size(),
                elapsed, deliveries.size() * 1000.0 / Math.max(1, elapsed));

        Map<RegionYear, Map<String, BigDecimal>> sums = world.expectedSums();
        Map<RegionYear, Compliance> compliance = world.expectedCompliance();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            List<String> mismatches = new ArrayList<>();
            for (String region : world.knownRegions()) {
                for (int year : YEARS) {
                    compareRegion(region, year, sums, compliance, world, mismatches);
                }
            }
            assertEquals(List.of(), mismatches.subList(0, Math.min(20, mismatches.size())),
                    "seed " + seed + ": " + mismatches.size() + " mismatches");
        });
        for (String province : List.of("350000", "440000", "530000")) {
            for (int year : YEARS) {
                assertChildrenAddUpToTheTotal(province, year);
            }
        }
    }

    @Test
    void aDeadlineDayBurstOfFirstFilingsIsAppliedExactly() {
        Random random = new Random(42);
        List<ReportState> burst = new ArrayList<>();
        List<RandomWorld.AgencyEvent> agencies = new ArrayList<>();
        Instant registered = Instant.parse("2024-06-01T00:00:00Z");
        for (int i = 0; i < 4000; i++) {
            String region = (i % 2 == 0 ? "62" : "63") + String.format("%02d", 1 + i % 7) + String.format("%02d", 1 + i % 13);
            String code = Fixtures.agencyCode(region);
            agencies.add(new RandomWorld.AgencyEvent(Fixtures.agency(code, region, null, null), registered));
            burst.add(Fixtures.state(code, region, BURST_YEAR, 1, 1, ReportStatus.SUBMITTED, random.nextInt(10) > 0,
                    Fixtures.randomCells(random, BURST_YEAR)));
        }
        long elapsed = produceAndAwait(agencies, burst, true);
        LOG.infof("burst: a backlog of %d first filings (2021 format, 200 cells each) consumed in %d ms: %.0f events/s",
                burst.size(), elapsed, burst.size() * 1000.0 / Math.max(1, elapsed));

        Map<String, BigDecimal> nation = new HashMap<>();
        burst.forEach(s -> s.cells().forEach((k, v) -> nation.merge(k, v, BigDecimal::add)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode view = Fixtures.region(BURST_YEAR, RegionCodes.NATION);
            assertEquals(burst.size(), view.at("/compliance/filed").asLong());
            List<String> mismatches = new ArrayList<>();
            nation.forEach((key, value) -> {
                if (value.compareTo(Fixtures.cell(view, key)) != 0) {
                    mismatches.add(key + ": expected " + value + ", got " + Fixtures.cell(view, key));
                }
            });
            assertEquals(List.of(), mismatches);
        });
    }

    @Test
    void theApplierAloneAddsThousandsOfFilingsASecondExactly() {
        Random random = new Random(7);
        List<ReportEvent> events = new ArrayList<>();
        Map<String, BigDecimal> nation = new HashMap<>();
        for (int i = 0; i < 6000; i++) {
            String region = "63" + String.format("%02d", 1 + i % 7) + String.format("%02d", 1 + i % 29);
            ReportState s = Fixtures.state(Fixtures.agencyCode(region), region, APPLIER_YEAR, 1, 1,
                    ReportStatus.SUBMITTED, true, Fixtures.randomCells(random, APPLIER_YEAR));
            s.cells().forEach((k, v) -> nation.merge(k, v, BigDecimal::add));
            events.add(ReportEvent.of(ReportEvent.FILED, s, Instant.now()));
        }
        long start = System.nanoTime();
        for (int from = 0; from < events.size(); from += 1000) {
            applier.apply(events.subList(from, from + 1000));
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        LOG.infof("applier: %d first filings in batches of 1000 (%d region rows each) in %d ms: %.0f events/s",
                events.size(), 7 * 29 + 7 + 2, ms, events.size() * 1000.0 / Math.max(1, ms));
        JsonNode view = Fixtures.region(APPLIER_YEAR, RegionCodes.NATION);
        assertEquals(events.size(), view.get("reports").asLong());
        nation.forEach((key, value) -> assertEquals(0, value.compareTo(Fixtures.cell(view, key)), key));
    }

    /**
     * Sends agencies then reports and returns the ms until the service has consumed that many report records. With
     * {@code backlog}, the report consumer is paused while they are produced, so the time measured is the service
     * working through a backlog (a deadline-day burst), not the test producing it.
     */
    private long produceAndAwait(List<RandomWorld.AgencyEvent> agencies, List<ReportState> reports, boolean backlog) {
        double agenciesBefore = Metrics.consumed(Topics.AGENCIES);
        double reportsBefore = Metrics.consumed(Topics.REPORTS);
        String batchLabel = "topic=\"" + Topics.REPORTS + "\"";
        double batchesBefore = Metrics.sum("ogi_aggregation_batch_seconds_count", batchLabel);
        double batchSecondsBefore = Metrics.sum("ogi_aggregation_batch_seconds_sum", batchLabel);
        var consumer = kafka.getConsumer("reports");
        if (backlog) {
            consumer.pause().await().atMost(Duration.ofSeconds(10));
        }
        long start = System.nanoTime();
        try (TestEvents events = new TestEvents()) {
            agencies.forEach(a -> events.agency(a.state(), a.occurredAt()));
            reports.forEach(events::report);
            events.flush();
        }
        long produced = (System.nanoTime() - start) / 1_000_000;
        if (backlog) {
            start = System.nanoTime();
            consumer.resume().await().atMost(Duration.ofSeconds(10));
        }
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50))
                .until(() -> Metrics.consumed(Topics.REPORTS) - reportsBefore >= reports.size());
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        double batches = Metrics.sum("ogi_aggregation_batch_seconds_count", batchLabel) - batchesBefore;
        double applying = Metrics.sum("ogi_aggregation_batch_seconds_sum", batchLabel) - batchSecondsBefore;
        LOG.infof("%d report events: produced in %d ms%s, consumed %d ms later; the service applied %.0f batches in "
                + "%.0f ms", reports.size(), produced, backlog ? " (consumer paused)" : "", elapsed, batches,
                applying * 1000);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> Metrics.consumed(Topics.AGENCIES) - agenciesBefore >= agencies.size());
        return elapsed;
    }

    private static void compareRegion(String region, int year, Map<RegionYear, Map<String, BigDecimal>> sums,
            Map<RegionYear, Compliance> compliance, RandomWorld world, List<String> mismatches) {
        JsonNode view = Fixtures.region(year, region);
        Map<String, BigDecimal> expected = sums.getOrDefault(new RegionYear(region, year), Map.of());
        TreeSet<String> keys = new TreeSet<>(expected.keySet());
        view.path("cells").fieldNames().forEachRemaining(keys::add);
        for (String key : keys) {
            BigDecimal want = expected.getOrDefault(key, BigDecimal.ZERO);
            BigDecimal got = Fixtures.cell(view, key);
            if (want.compareTo(got) != 0) {
                mismatches.add(region + "/" + year + " " + key + ": expected " + want + ", got " + got);
            }
        }
        long reports = world.finalReports.values().stream().filter(r -> r.year() == year
                && r.status() != ReportStatus.WITHDRAWN && RegionChain.selfAndAncestors(r.regionCode()).contains(region))
                .count();
        if (view.get("reports").asLong() != reports) {
            mismatches.add(region + "/" + year + " reports: expected " + reports + ", got " + view.get("reports"));
        }
        if (!RegionCodes.NATION.equals(region)) { // other test classes' agencies are obliged nationwide
            Compliance want = compliance.getOrDefault(new RegionYear(region, year), Compliance.NONE);
            Compliance got;
            try {
                got = Fixtures.JSON.treeToValue(view.get("compliance"), Compliance.class);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            if (!want.equals(got)) {
                mismatches.add(region + "/" + year + " compliance: expected " + want + ", got " + got);
            }
        }
    }

    private static void assertChildrenAddUpToTheTotal(String region, int year) {
        JsonNode total = Fixtures.region(year, region);
        JsonNode children = Fixtures.get("/api/v1/statistics/" + year + "/regions/" + region + "/children");
        assertTrue(children.get("children").size() >= 2, "a test province has several prefectures");
        long expected = children.at("/own/compliance/expected").asLong();
        BigDecimal handled = Fixtures.cell(children.get("own"), "requests.totalHandled.total");
        for (JsonNode child : children.get("children")) {
            expected += child.at("/compliance/expected").asLong();
            handled = handled.add(Fixtures.cell(child, "requests.totalHandled.total"));
            assertEquals(region, RegionCodes.parentOf(child.get("region").asText()).orElseThrow());
        }
        assertEquals(total.at("/compliance/expected").asLong(), expected, region + "/" + year);
        assertEquals(0, Fixtures.cell(total, "requests.totalHandled.total").compareTo(handled), region + "/" + year);
    }

    /** A copy with about 15% of the elements repeated, in random order: stale and duplicate deliveries. */
    private static <T> List<T> withDuplicatesShuffled(List<T> items, Random random) {
        List<T> out = new ArrayList<>(items);
        int duplicates = items.size() * 15 / 100;
        for (int i = 0; i < duplicates; i++) {
            out.add(items.get(random.nextInt(items.size())));
        }
        Collections.shuffle(out, random);
        return out;
    }
}
