package org.ogi.notification.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;
import org.ogi.format.Topics;

/**
 * Sends records that can never be applied to {@code <topic>.dlq}, byte for byte, and counts them as
 * {@code ogi_notification_dead_letters_total{topic}}. A plain producer rather than SmallRye's per-message strategy
 * because the consumers take whole polls and must know the dead letters are stored before the poll's offsets are
 * committed. The headers are the ones SmallRye's strategy wrote before, so readers of the dead-letter topics see no
 * difference.
 */
@ApplicationScoped
public class DeadLetters {

    public static final String REASON = "dead-letter-reason";
    public static final String CAUSE = "dead-letter-cause";
    public static final String EXCEPTION_CLASS = "dead-letter-exception-class-name";
    public static final String CAUSE_CLASS = "dead-letter-cause-class-name";
    public static final String ORIGINAL_TOPIC = "dead-letter-topic";
    public static final String ORIGINAL_PARTITION = "dead-letter-partition";
    public static final String ORIGINAL_OFFSET = "dead-letter-offset";
    private static final Logger LOG = Logger.getLogger(DeadLetters.class);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(15);

    private final Map<String, Object> kafkaConfig;
    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private KafkaProducer<String, byte[]> producer;

    public DeadLetters(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, MeterRegistry registry) {
        this.kafkaConfig = kafkaConfig;
        this.registry = registry;
        counter(Topics.REPORTS); // registered at zero, so a dashboard sees the series before the first dead letter
        counter(Topics.AGENCIES);
    }

    /** A record that can never be applied, and the exception that says why. */
    public record Rejected(ConsumerRecord<String, byte[]> record, RuntimeException problem) {
    }

    /** Sends every rejected record and waits for the broker's acknowledgement; throws if any is not stored. */
    public synchronized void send(List<Rejected> rejected) {
        if (rejected.isEmpty()) {
            return;
        }
        List<Future<?>> acks = new ArrayList<>(rejected.size());
        for (Rejected r : rejected) {
            ConsumerRecord<String, byte[]> in = r.record();
            var out = new ProducerRecord<>(Topics.dlq(in.topic()), in.key(), in.value());
            Headers headers = out.headers();
            in.headers().forEach(headers::add);
            RuntimeException problem = r.problem();
            headers.add(REASON, utf8(String.valueOf(problem.getMessage())));
            headers.add(EXCEPTION_CLASS, utf8(problem.getClass().getName()));
            if (problem.getCause() != null) {
                headers.add(CAUSE, utf8(String.valueOf(problem.getCause().getMessage())));
                headers.add(CAUSE_CLASS, utf8(problem.getCause().getClass().getName()));
            }
            headers.add(ORIGINAL_TOPIC, utf8(in.topic()));
            headers.add(ORIGINAL_PARTITION, utf8(Integer.toString(in.partition())));
            headers.add(ORIGINAL_OFFSET, utf8(Long.toString(in.offset())));
            acks.add(producer().send(out));
            LOG.warnf("Dead-lettering %s-%d@%d (key %s): %s", in.topic(), in.partition(), in.offset(), in.key(),
                    problem.getMessage());
        }
        long deadline = System.nanoTime() + SEND_TIMEOUT.toNanos();
        try {
            for (Future<?> ack : acks) {
                ack.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dead-lettering", e);
        } catch (ExecutionException | TimeoutException e) {
            closeProducer();
            throw new IllegalStateException("dead-letter records not acknowledged: " + e.getMessage(), e);
        }
        for (Rejected r : rejected) {
            counter(r.record().topic()).increment();
        }
    }

    private Counter counter(String topic) {
        return counters.computeIfAbsent(topic, t -> Counter.builder("ogi.notification.dead.letters")
                .description("Records sent to the dead-letter topic because they could not be applied")
                .tag("topic", t).register(registry));
    }

    private KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Map<String, Object> props = new HashMap<>();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaConfig.get("bootstrap.servers"));
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.CLIENT_ID_CONFIG, "notification-dead-letters");
            int timeoutMs = (int) SEND_TIMEOUT.toMillis();
            props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
            props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
            props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs + 5);
            producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    private synchronized void closeProducer() {
        if (producer != null) {
            producer.close(Duration.ZERO);
            producer = null;
        }
    }

    /** Created at start (not on the first poll), so the metric series exist from the start. */
    void onStart(@Observes StartupEvent event) {
    }

    void onStop(@Observes ShutdownEvent event) {
        closeProducer();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
