package org.ogi.notification;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.ogi.format.AgencyCodes;
import org.ogi.format.AgencyEvent;
import org.ogi.format.AgencyKind;
import org.ogi.format.AgencyState;
import org.ogi.format.Events;
import org.ogi.format.ReportEvent;
import org.ogi.format.ReportState;
import org.ogi.format.ReportStatus;
import org.ogi.format.Topics;
import org.ogi.notification.service.ChaseSummary;
import org.ogi.notification.service.DeliveryView;
import org.ogi.notification.service.LateFiler;
import org.ogi.stack.StackTestResource;

/**
 * A test's own small world: agencies and reports produced to the real topics (as submission-service's outbox relay
 * would), chase runs driven through the API, and the results read back. Agencies exist only in the test's report year
 * and carry a tag in their codes, so tests sharing the database and topics cannot see each other.
 */
final class World implements AutoCloseable {

    static final ObjectMapper JSON = Events.mapper();

    private final String tag;
    private final KafkaProducer<String, String> producer;
    private final List<UUID> produced = new ArrayList<>();

    /** {@code tag}: three characters of the credit-code alphabet (no I, O, Z, S, V), unique per test. */
    World(String tag) {
        this.tag = tag;
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, StackTestResource.stack().kafka().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
    }

    /** A valid unified social credit code of a government organ in {@code region}. */
    String code(String region, int n) {
        return AgencyCodes.withCheckCharacter("11" + region + tag + String.format("%06d", n));
    }

    /** An agency obliged for {@code year} only (it exists from 1 January to 31 December of that year). */
    AgencyState agency(String code, String name, String region, AgencyKind kind, String email, String webhook,
                       String supervisor, int year) {
        AgencyState a = new AgencyState(code, name, region, kind, email, webhook, supervisor, LocalDate.of(year, 1, 1),
                LocalDate.of(year, 12, 31));
        AgencyEvent event = AgencyEvent.upserted(a, Instant.now());
        send(Topics.AGENCIES, code, Events.toJson(event));
        produced.add(event.eventId());
        return a;
    }

    /** A report state; {@code at} is both the receipt and (for a review) the decision time. */
    UUID report(AgencyState agency, int year, long revision, ReportStatus status, String at, String comment) {
        ReportEvent event = reportEvent(agency, year, revision, status, at, comment);
        send(Topics.REPORTS, Topics.reportKey(agency.code(), year), Events.toJson(event));
        produced.add(event.eventId());
        return event.eventId();
    }

    /** The event {@link #report} sends, not sent: for tests that hand the consumer a poll of their own. */
    ReportEvent reportEvent(AgencyState agency, int year, long revision, ReportStatus status, String at,
                            String comment) {
        Instant when = instant(at);
        boolean reviewed = status == ReportStatus.RETURNED || status == ReportStatus.ACCEPTED;
        ReportState state = new ReportState(agency.code(), agency.regionCode(), year, (int) Math.max(1, revision),
                revision, status, "2021", when, LocalDate.of(year + 1, 1, 31), true, Map.of(), List.of(),
                reviewed ? comment : null, reviewed ? "supervisor-" + agency.regionCode() : null, reviewed ? when : null);
        String type = switch (status) {
            case SUBMITTED -> ReportEvent.FILED;
            case ACCEPTED, RETURNED -> ReportEvent.REVIEWED;
            case WITHDRAWN -> ReportEvent.WITHDRAWN;
        };
        return ReportEvent.of(type, state, when);
    }

    void send(String topic, String key, String value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("not acknowledged", e.getCause());
        }
    }

    /** Waits until the service has processed every event this world produced. */
    void awaitApplied() {
        List<UUID> expected = List.copyOf(produced);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> processed(expected) == expected.size());
    }

    private static long processed(List<UUID> ids) throws SQLException {
        try (Connection c = database();
             PreparedStatement ps = c.prepareStatement("select count(*) from processed_event where event_id = any(?)")) {
            ps.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Reads the dead-letter topic from the start until the record with {@code key} shows up; returns its headers. */
    static Map<String, String> deadLetter(String topic, String key) {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, StackTestResource.stack().kafka().bootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<Map<String, String>> found = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(r.key())) {
                        Map<String, String> headers = new HashMap<>();
                        for (Header h : r.headers()) {
                            headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
                        }
                        found.add(headers);
                    }
                }
                return !found.isEmpty();
            });
            return found.get(0);
        }
    }

    static Connection database() throws SQLException {
        var pg = StackTestResource.stack().postgres();
        return DriverManager.getConnection(pg.jdbcUrl("notification"), pg.username(), pg.password());
    }

    static String admin() {
        return StackTestResource.stack().tokens().admin();
    }

    /** POST /api/v1/chase-runs?at=… as admin. */
    static ChaseSummary run(String at) {
        String body = given().auth().oauth2(admin()).queryParam("at", at)
                .when().post("/api/v1/chase-runs")
                .then().statusCode(200).extract().asString();
        return read(body, new TypeReference<>() { });
    }

    static List<DeliveryView> log(String agencyCode, int year) {
        String body = given().auth().oauth2(admin()).queryParam("agencyCode", agencyCode).queryParam("year", year)
                .when().get("/api/v1/notifications")
                .then().statusCode(200).extract().asString();
        return read(body, new TypeReference<>() { });
    }

    static List<LateFiler> lateFilers(String token, int year, String region, String at) {
        String body = given().auth().oauth2(token).queryParam("year", year).queryParam("region", region)
                .queryParam("at", at)
                .when().get("/api/v1/late-filers")
                .then().statusCode(200).extract().asString();
        return read(body, new TypeReference<>() { });
    }

    static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException("unexpected answer: " + json, e);
        }
    }

    static Instant instant(String at) {
        return OffsetDateTime.parse(at).toInstant();
    }

    @Override
    public void close() {
        producer.close();
    }
}
