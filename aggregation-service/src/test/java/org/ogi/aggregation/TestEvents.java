package org.ogi.aggregation;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.ogi.format.AgencyEvent;
import org.ogi.format.AgencyState;
import org.ogi.format.Events;
import org.ogi.format.ReportEvent;
import org.ogi.format.ReportState;
import org.ogi.format.Topics;
import org.ogi.stack.StackTestResource;

/** Produces events to the real topics of the test stack, as the submission service's outbox relay would. */
final class TestEvents implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;

    TestEvents() {
        Map<String, Object> props = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, StackTestResource.stack().kafka().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024);
        producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    Future<RecordMetadata> agency(AgencyState agency, Instant occurredAt) {
        AgencyEvent event = new AgencyEvent(UUID.randomUUID(), AgencyEvent.UPSERTED, occurredAt, agency);
        return raw(Topics.AGENCIES, agency.code(), Events.toJson(event));
    }

    Future<RecordMetadata> report(ReportState state) {
        String type = switch (state.status()) {
            case WITHDRAWN -> ReportEvent.WITHDRAWN;
            case ACCEPTED, RETURNED -> ReportEvent.REVIEWED;
            case SUBMITTED -> state.version() == 1 ? ReportEvent.FILED : ReportEvent.AMENDED;
        };
        ReportEvent event = new ReportEvent(UUID.randomUUID(), type, Instant.now(), state);
        return raw(Topics.REPORTS, Topics.reportKey(state.agencyCode(), state.year()), Events.toJson(event));
    }

    Future<RecordMetadata> raw(String topic, String key, String value) {
        return raw(topic, key, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    Future<RecordMetadata> raw(String topic, String key, byte[] value) {
        return producer.send(new ProducerRecord<>(topic, key, value));
    }

    /** On partition 0 whatever the key, so that records of several keys share polls. */
    Future<RecordMetadata> onPartitionZero(String topic, String key, String value) {
        return producer.send(new ProducerRecord<>(topic, 0, key, value.getBytes(StandardCharsets.UTF_8)));
    }

    /** Blocks until everything sent so far is acknowledged. */
    void flush() {
        producer.flush();
    }

    static void await(Future<RecordMetadata> ack) {
        metadata(ack);
    }

    /** Where the broker stored a record (waits for the acknowledgement). */
    static RecordMetadata metadata(Future<RecordMetadata> ack) {
        try {
            return ack.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("not acknowledged", e.getCause());
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
