package org.ogi.submission.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import io.micrometer.core.instrument.Counter;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows to Kafka in id order and marks them sent. It uses a plain idempotent producer rather than an
 * Emitter because the relay must know, per batch, exactly which records the broker acknowledged: only those are marked
 * sent, so a broker outage delays events but never loses or reorders them. Unacknowledged rows are retried; consumers
 * ignore anything whose revision they have already applied, which absorbs the rare duplicate after a lost ack.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final EntityManager em;
    private final OutboxConfig config;
    private final Map<String, Object> kafkaConfig;
    private final AtomicReference<KafkaProducer<String, String>> producer = new AtomicReference<>();
    private final Counter published;
    private volatile Instant lastSuccess;
    private volatile String lastError;

    public OutboxRelay(EntityManager em, OutboxConfig config, MeterRegistry registry,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.em = em;
        this.config = config;
        this.kafkaConfig = kafkaConfig;
        this.published = Counter.builder("ogi.outbox.published").description("Events published to Kafka")
                .register(registry);
    }

    @Scheduled(every = "${ogi.outbox.interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "1s")
    void tick() {
        try {
            Batch batch;
            do {
                batch = QuarkusTransaction.requiringNew().call(this::publishBatch);
                if (batch.sent() < batch.read()) {
                    LOG.warnf("Kafka acknowledged %d of %d events, will retry: %s", batch.sent(), batch.read(), lastError);
                    resetProducer();
                    return;
                }
            } while (batch.read() == config.batchSize()); // a full batch means more is waiting
        } catch (RuntimeException e) {
            lastError = e.getMessage();
            LOG.warnf("Outbox relay could not publish, will retry: %s", e.getMessage());
            resetProducer();
        }
    }

    /** Publishes one batch in the caller's transaction and marks the acknowledged prefix sent. */
    Batch publishBatch() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                "select id, topic, event_key, event_type, payload from outbox_event where sent_at is null order by id limit :n")
                .setParameter("n", config.batchSize())
                .getResultList();
        if (rows.isEmpty()) {
            return new Batch(0, 0);
        }
        KafkaProducer<String, String> p = producer();
        List<Future<?>> acks = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            var record = new ProducerRecord<>((String) r[1], (String) r[2], (String) r[4]);
            record.headers().add(new RecordHeader("eventType", ((String) r[3]).getBytes(StandardCharsets.UTF_8)));
            acks.add(p.send(record));
        }
        p.flush();
        List<Long> sent = new ArrayList<>(rows.size());
        long deadline = System.nanoTime() + config.sendTimeout().toNanos();
        for (int i = 0; i < acks.size(); i++) {
            try {
                acks.get(i).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                sent.add(((Number) rows.get(i)[0]).longValue());
            } catch (Exception e) {
                lastError = e.getMessage();
                break; // keep order: nothing after the first unacknowledged record is marked sent
            }
        }
        if (!sent.isEmpty()) {
            em.createNativeQuery("update outbox_event set sent_at = now() where id = any(cast(:ids as bigint[]))")
                    .setParameter("ids", sent.toArray(new Long[0]))
                    .executeUpdate();
            lastSuccess = Instant.now();
            published.increment(sent.size());
        }
        if (sent.size() == rows.size()) {
            lastError = null;
        }
        return new Batch(rows.size(), sent.size());
    }

    record Batch(int read, int sent) {
    }

    public Instant lastSuccess() {
        return lastSuccess;
    }

    public String lastError() {
        return lastError;
    }

    private KafkaProducer<String, String> producer() {
        KafkaProducer<String, String> p = producer.get();
        if (p == null) {
            Map<String, Object> props = new HashMap<>();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaConfig.get("bootstrap.servers"));
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
            int timeoutMs = (int) config.sendTimeout().toMillis();
            props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
            props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
            props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs + 5);
            props.put(ProducerConfig.CLIENT_ID_CONFIG, "submission-outbox-relay");
            p = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
            producer.set(p);
        }
        return p;
    }

    /** A producer whose batch failed may hold records it will still retry; a fresh one keeps the retry in our hands. */
    private void resetProducer() {
        KafkaProducer<String, String> p = producer.getAndSet(null);
        if (p != null) {
            p.close(java.time.Duration.ZERO);
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        resetProducer();
    }
}
