package org.ogi.support.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * Writes records a consumer can never apply to {@code <topic>.dlq}, byte for byte, with their own headers, the reason,
 * any extra headers and their origin, and waits for the broker's acknowledgement. A plain producer rather than
 * SmallRye's per-message dead-letter strategy: the consumers take whole polls and must know the dead letters are
 * stored before the poll's offsets are committed. Shared by aggregation- and notification-service, which count them.
 */
public final class DeadLetterSender {

    public static final String REASON = "dead-letter-reason";
    public static final String ORIGINAL_TOPIC = "dead-letter-topic";
    public static final String ORIGINAL_PARTITION = "dead-letter-partition";
    public static final String ORIGINAL_OFFSET = "dead-letter-offset";
    private static final Logger LOG = Logger.getLogger(DeadLetterSender.class);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(15);

    private final Object bootstrapServers;
    private final String clientId;
    private KafkaProducer<String, byte[]> producer;

    public DeadLetterSender(Object bootstrapServers, String clientId) {
        this.bootstrapServers = bootstrapServers;
        this.clientId = clientId;
    }

    /** One record to dead-letter: why, and headers beyond the reason (in order). */
    public record Letter(ConsumerRecord<String, byte[]> record, String reason, Map<String, String> extraHeaders) {
    }

    /** Sends every letter and waits for the broker's acknowledgement; throws if any is not stored. */
    public synchronized void send(List<Letter> letters) {
        List<Future<?>> acks = new ArrayList<>(letters.size());
        for (Letter letter : letters) {
            ConsumerRecord<String, byte[]> in = letter.record();
            var out = new ProducerRecord<>(Topics.dlq(in.topic()), in.key(), in.value());
            Headers headers = out.headers();
            in.headers().forEach(headers::add);
            headers.add(REASON, utf8(letter.reason()));
            letter.extraHeaders().forEach((name, value) -> headers.add(name, utf8(value)));
            headers.add(ORIGINAL_TOPIC, utf8(in.topic()));
            headers.add(ORIGINAL_PARTITION, utf8(Integer.toString(in.partition())));
            headers.add(ORIGINAL_OFFSET, utf8(Long.toString(in.offset())));
            acks.add(producer().send(out));
            LOG.warnf("Dead-lettering %s-%d@%d (key %s): %s", in.topic(), in.partition(), in.offset(), in.key(),
                    letter.reason());
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
            close();
            throw new IllegalStateException("dead-letter records not acknowledged: " + e.getMessage(), e);
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Map<String, Object> props = new HashMap<>();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
            int timeoutMs = (int) SEND_TIMEOUT.toMillis();
            props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
            props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
            props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs + 5);
            producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    /** Closes the producer; the next send opens a new one. */
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ZERO);
            producer = null;
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
