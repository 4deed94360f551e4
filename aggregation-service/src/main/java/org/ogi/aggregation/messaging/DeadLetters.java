package org.ogi.aggregation.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ogi.format.Topics;
import org.ogi.support.kafka.DeadLetterSender;

/**
 * Sends records the statistics cannot use to {@code <topic>.dlq} (through the shared {@link DeadLetterSender}) and
 * counts them as {@code ogi_aggregation_dead_letters_total{topic}}.
 */
@ApplicationScoped
public class DeadLetters {

    public static final String REASON = DeadLetterSender.REASON;
    public static final String ORIGINAL_TOPIC = DeadLetterSender.ORIGINAL_TOPIC;

    private final DeadLetterSender sender;
    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public DeadLetters(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, MeterRegistry registry) {
        this.sender = new DeadLetterSender(kafkaConfig.get("bootstrap.servers"), "aggregation-dead-letters");
        this.registry = registry;
        counter(Topics.REPORTS); // registered at zero, so a dashboard sees the series before the first dead letter
        counter(Topics.AGENCIES);
    }

    /** A record that could not be used, and why. */
    public record Rejected(ConsumerRecord<String, byte[]> record, String reason) {
    }

    /** Sends every rejected record and waits for the broker's acknowledgement; throws if any is not stored. */
    public void send(List<Rejected> rejected) {
        if (rejected.isEmpty()) {
            return;
        }
        sender.send(rejected.stream().map(r -> new DeadLetterSender.Letter(r.record(), r.reason(), Map.of())).toList());
        for (Rejected r : rejected) {
            counter(r.record().topic()).increment();
        }
    }

    private Counter counter(String topic) {
        return counters.computeIfAbsent(topic, t -> Counter.builder("ogi.aggregation.dead.letters")
                .description("Records sent to the dead-letter topic because they could not be applied")
                .tag("topic", t).register(registry));
    }

    void onStop(@Observes ShutdownEvent event) {
        sender.close();
    }
}
