package org.ogi.aggregation;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.ogi.aggregation.messaging.AgencyConsumer;
import org.ogi.aggregation.messaging.DeadLetters;
import org.ogi.aggregation.messaging.ReportConsumer;
import org.ogi.format.AgencyEvent;
import org.ogi.format.AgencyState;
import org.ogi.format.Events;
import org.ogi.format.ReportEvent;
import org.ogi.format.ReportState;
import org.ogi.format.ReportStatus;
import org.ogi.format.Topics;
import org.ogi.stack.DeadLetterProbe;
import org.ogi.stack.StackTestResource;

/**
 * An event the decoder accepts but PostgreSQL refuses because of its data is dead-lettered alone: the good events of
 * its poll and the later ones of its partition are applied. Records go through the real topics (one partition, so
 * they share polls), and the same records handed to the consumer again are dead-lettered no second time.
 */
@QuarkusTest
@WithTestResource(value = StackTestResource.class, initArgs = @ResourceArg(name = "database", value = "aggregation"))
class RefusedEventTest {

    private static final int YEAR = 2021; // this class alone files in 长治市潞州区 (140403)
    private static final String COUNTY = "140403";
    private static final String NEW_REQUESTS = "requests.new.total";
    /**
     * Valid JSON the decoder reads as a number, beyond the 131,072 digits PostgreSQL's numeric holds before the point:
     * SQLSTATE 22003. Written into the JSON text, as the event mapper writes decimals plain and refuses this one.
     */
    private static final String OVERFLOW = "1E+140000";

    @Inject
    ReportConsumer reports;
    @Inject
    AgencyConsumer agencies;

    @Test
    void aReportPostgresRefusesIsDeadLetteredAloneAndItsPollAndPartitionMoveOn() {
        String a = Fixtures.agencyCode(COUNTY);
        String b = Fixtures.agencyCode(COUNTY);
        String c = Fixtures.agencyCode(COUNTY);
        double before = Metrics.sum("ogi_aggregation_dead_letters_total", "topic=\"ogi.reports\"");
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        try (TestEvents events = new TestEvents()) {
            sent.add(events.onPartitionZero(Topics.REPORTS, key(a), report(a, 1, BigDecimal.valueOf(11))));
            sent.add(events.onPartitionZero(Topics.REPORTS, key(b), report(b, 1, BigDecimal.valueOf(17))));
            sent.add(events.onPartitionZero(Topics.REPORTS, key(b), report(b, 2, OVERFLOW))); // an amendment refused
            sent.add(events.onPartitionZero(Topics.REPORTS, key(c), report(c, 1, BigDecimal.valueOf(13)))); // later
            events.flush();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(0, BigDecimal.valueOf(11 + 13 + 17)
                .compareTo(Fixtures.cell(Fixtures.region(YEAR, COUNTY), NEW_REQUESTS))));
        List<ConsumerRecord<String, byte[]>> dead = await().atMost(Duration.ofSeconds(30))
                .until(() -> deadLetters(Topics.REPORTS, key(b)), found -> !found.isEmpty());
        assertEquals(1, dead.size());
        String reason = DeadLetterProbe.header(dead.get(0), DeadLetters.REASON);
        assertTrue(reason.startsWith("refused by the database (SQLSTATE 22003): ERROR: value overflows numeric format"),
                reason);
        assertEquals(Topics.REPORTS, DeadLetterProbe.header(dead.get(0), DeadLetters.ORIGINAL_TOPIC));
        assertEquals(String.valueOf(TestEvents.metadata(sent.get(2)).offset()),
                DeadLetterProbe.header(dead.get(0), "dead-letter-offset"), "the refused record, not a later state");
        assertEquals(1.0, Metrics.sum("ogi_aggregation_dead_letters_total", "topic=\"ogi.reports\"") - before);

        // the process died before the offsets were committed: the same records are delivered again, in one poll (the
        // refused amendment is still newer than the state held, so the poll fails and is applied one event at a time)
        reports.consume(recordsAt(Topics.REPORTS, sent));
        assertEquals(1, deadLetters(Topics.REPORTS, key(b)).size(), "dead-lettered once");
        assertEquals(1.0, Metrics.sum("ogi_aggregation_dead_letters_total", "topic=\"ogi.reports\"") - before);
        assertEquals(0, BigDecimal.valueOf(11 + 13 + 17)
                .compareTo(Fixtures.cell(Fixtures.region(YEAR, COUNTY), NEW_REQUESTS)), "redelivery changed nothing");
    }

    @Test
    void anAgencyPostgresRefusesIsDeadLetteredAloneAndTheOthersOfItsPollApply() throws SQLException {
        String good = Fixtures.agencyCode(COUNTY);
        String nul = Fixtures.agencyCode(COUNTY);
        String later = Fixtures.agencyCode(COUNTY);
        AgencyState refused = new AgencyState(nul, "潞州区\u0000统计局", COUNTY, null, null, null, null, null, null);
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        try (TestEvents events = new TestEvents()) {
            sent.add(events.onPartitionZero(Topics.AGENCIES, good, agency(Fixtures.agency(good, COUNTY, null, null))));
            sent.add(events.onPartitionZero(Topics.AGENCIES, nul, agency(refused)));
            sent.add(events.onPartitionZero(Topics.AGENCIES, later, agency(Fixtures.agency(later, COUNTY, null, null))));
            events.flush();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(List.of(good, later),
                agencyCodes(List.of(good, nul, later))));
        List<ConsumerRecord<String, byte[]>> dead = await().atMost(Duration.ofSeconds(30))
                .until(() -> deadLetters(Topics.AGENCIES, nul), found -> !found.isEmpty());
        assertTrue(DeadLetterProbe.header(dead.get(0), DeadLetters.REASON)
                .startsWith("refused by the database (SQLSTATE 22021)"), DeadLetterProbe.header(dead.get(0),
                DeadLetters.REASON));

        agencies.consume(recordsAt(Topics.AGENCIES, sent));
        assertEquals(1, deadLetters(Topics.AGENCIES, nul).size(), "dead-lettered once");
        assertEquals(List.of(good, later), agencyCodes(List.of(good, nul, later)));
    }

    private static String key(String code) {
        return Topics.reportKey(code, YEAR);
    }

    private static String report(String code, long revision, BigDecimal newRequests) {
        Map<String, BigDecimal> cells = Fixtures.zeros(YEAR);
        cells.put(NEW_REQUESTS, newRequests);
        ReportState s = Fixtures.state(code, COUNTY, YEAR, (int) revision, revision, ReportStatus.SUBMITTED, true,
                cells);
        return Events.toJson(new ReportEvent(UUID.randomUUID(), revision == 1 ? ReportEvent.FILED : ReportEvent.AMENDED,
                Instant.now(), s));
    }

    private static String report(String code, long revision, String newRequestsLiteral) {
        String placeholder = "\"" + NEW_REQUESTS + "\":424242";
        String json = report(code, revision, BigDecimal.valueOf(424242));
        assertTrue(json.contains(placeholder), json);
        return json.replace(placeholder, "\"" + NEW_REQUESTS + "\":" + newRequestsLiteral);
    }

    private static String agency(AgencyState state) {
        return Events.toJson(AgencyEvent.upserted(state, Instant.now()));
    }

    private static List<ConsumerRecord<String, byte[]>> deadLetters(String topic, String key) {
        return DeadLetterProbe.recordsOf(StackTestResource.stack().kafka().bootstrapServers(), Topics.dlq(topic), key);
    }

    /** The very records produced (read back from partition 0 at their offsets), as one poll. */
    private static ConsumerRecords<String, byte[]> recordsAt(String topic, List<Future<RecordMetadata>> sent) {
        List<Long> offsets = sent.stream().map(f -> TestEvents.metadata(f).offset()).toList();
        TopicPartition p0 = new TopicPartition(topic, 0);
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, StackTestResource.stack().kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "redelivery-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(p0));
            consumer.seek(p0, offsets.get(0));
            long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (found.size() < offsets.size() && System.nanoTime() < end) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (offsets.contains(r.offset())) {
                        found.add(r);
                    }
                }
            }
        }
        assertEquals(offsets.size(), found.size(), "read back " + found);
        return new ConsumerRecords<>(Map.of(p0, found), Map.of());
    }

    private static List<String> agencyCodes(List<String> codes) throws SQLException {
        var pg = StackTestResource.stack().postgres();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("aggregation"), pg.username(), pg.password());
                PreparedStatement ps = c.prepareStatement("select code from agency where code = any(?) order by code")) {
            ps.setArray(1, c.createArrayOf("text", codes.toArray()));
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }
}
