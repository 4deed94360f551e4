package org.ogi.aggregation;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.ogi.aggregation.messaging.DeadLetters;
import org.ogi.format.AgencyEvent;
import org.ogi.format.Events;
import org.ogi.format.ReportEvent;
import org.ogi.format.ReportState;
import org.ogi.format.ReportStatus;
import org.ogi.format.Topics;
import org.ogi.stack.StackTestResource;

/** Events the statistics cannot use go to the dead-letter topic with their reason, and the partition keeps moving. */
@QuarkusTest
@WithTestResource(value = StackTestResource.class, initArgs = @ResourceArg(name = "database", value = "aggregation"))
class DeadLetterTest {

    private static final int YEAR = 2021; // this class alone files for 2021 in 曾都区 (421303)
    private static final String COUNTY = "421303";

    @Test
    void malformedReportEventsAreDeadLetteredWithTheirReasonAndLaterStatesOfTheSameKeyStillApply() {
        String code = Fixtures.agencyCode(COUNTY);
        String key = Topics.reportKey(code, YEAR);
        byte[] notJson = "这不是JSON {".getBytes(StandardCharsets.UTF_8);
        ReportState good = state(code, 1, 11);
        ReportState unknownFormat = new ReportState(code, COUNTY, YEAR, 1, 2, ReportStatus.SUBMITTED, "2030",
                null, null, true, Map.of(), List.of(), null, null, null);
        double before = Metrics.sum("ogi_aggregation_dead_letters_total", "topic=\"ogi.reports\"");
        try (TestEvents events = new TestEvents()) {
            events.raw(Topics.REPORTS, key, notJson);
            events.raw(Topics.REPORTS, key, Events.toJson(ReportEvent.of(ReportEvent.AMENDED, unknownFormat,
                    Instant.now())));
            events.raw(Topics.REPORTS, key, "{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"ReportFiled\"}");
            events.report(good);
            events.flush();
        }

        List<ConsumerRecord<String, byte[]>> dead = readDeadLetters(Topics.dlq(Topics.REPORTS), key, 3);
        assertEquals(3, dead.size(), "three bad records of the key");
        assertArrayEquals(notJson, dead.get(0).value(), "the original bytes, untouched");
        assertTrue(header(dead.get(0), DeadLetters.REASON).startsWith("not a report event in JSON"),
                header(dead.get(0), DeadLetters.REASON));
        assertEquals("unknown format 2030", header(dead.get(1), DeadLetters.REASON));
        assertEquals("missing eventId, occurredAt or report", header(dead.get(2), DeadLetters.REASON));
        assertEquals(Topics.REPORTS, header(dead.get(2), DeadLetters.ORIGINAL_TOPIC));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(0, BigDecimal.valueOf(11)
                .compareTo(Fixtures.cell(Fixtures.region(YEAR, COUNTY), "requests.new.total"))));
        double after = Metrics.sum("ogi_aggregation_dead_letters_total", "topic=\"ogi.reports\"");
        assertTrue(after - before >= 3, "counted: " + before + " -> " + after);
    }

    @Test
    void anAgencyEventUnderAWrongKeyIsDeadLetteredOnItsOwnTopic() {
        String code = Fixtures.agencyCode(COUNTY);
        String wrongKey = Fixtures.agencyCode(COUNTY);
        try (TestEvents events = new TestEvents()) {
            events.raw(Topics.AGENCIES, wrongKey, Events.toJson(AgencyEvent.upserted(
                    Fixtures.agency(code, COUNTY, null, null), Instant.now())));
            events.flush();
        }
        List<ConsumerRecord<String, byte[]>> dead = readDeadLetters(Topics.dlq(Topics.AGENCIES), wrongKey, 1);
        assertEquals(1, dead.size());
        assertEquals("record key " + wrongKey + " is not the agency code " + code, header(dead.get(0), DeadLetters.REASON));
    }

    static ReportState state(String code, long revision, int newRequests) {
        Map<String, BigDecimal> cells = Fixtures.zeros(YEAR);
        cells.put("requests.new.total", BigDecimal.valueOf(newRequests));
        return Fixtures.state(code, COUNTY, YEAR, (int) revision, revision, ReportStatus.SUBMITTED, true, cells);
    }

    /** Reads the dead-letter topic from the start until {@code count} records of {@code key} are found (or 30 s pass). */
    static List<ConsumerRecord<String, byte[]>> readDeadLetters(String topic, String key, int count) {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, StackTestResource.stack().kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "dlq-probe-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (found.size() < count && System.nanoTime() < end) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(r.key())) {
                        found.add(r);
                    }
                }
            }
        }
        return found;
    }

    static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
