package org.ogi.notification.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ogi.format.Topics;
import org.ogi.support.kafka.DeadLetterSender;

/**
 * Sends records that can never be applied to {@code <topic>.dlq}, byte for byte, and counts them as
 * {@code ogi_notification_dead_letters_total{topic}}, through the shared {@link DeadLetterSender}. The headers are the
 * ones SmallRye's strategy wrote before, so readers of the dead-letter topics see no difference.
 */
@ApplicationScoped
public class DeadLetters {

    public static final String REASON = DeadLetterSender.REASON;
    public static final String CAUSE = "dead-letter-cause";
    public static final String EXCEPTION_CLASS = "dead-letter-exception-class-name";
    public static final String CAUSE_CLASS = "dead-letter-cause-class-name";
    public static final String ORIGINAL_TOPIC = DeadLetterSender.ORIGINAL_TOPIC;
    public static final String ORIGINAL_PARTITION = DeadLetterSender.ORIGINAL_PARTITION;
    public static final String ORIGINAL_OFFSET = DeadLetterSender.ORIGINAL_OFFSET;

    private final DeadLetterSender sender;
    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public DeadLetters(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, MeterRegistry registry) {
        this.sender = new DeadLetterSender(kafkaConfig.get("bootstrap.servers"), "notification-dead-letters");
        this.registry = registry;
        counter(Topics.REPORTS); // registered at zero, so a dashboard sees the series before the first dead letter
        counter(Topics.AGENCIES);
    }

    /** A record that can never be applied, and the exception that says why. */
    public record Rejected(ConsumerRecord<String, byte[]> record, RuntimeException problem) {
    }

    /** Sends every rejected record and waits for the broker's acknowledgement; throws if any is not stored. */
    public void send(List<Rejected> rejected) {
        if (rejected.isEmpty()) {
            return;
        }
        sender.send(rejected.stream().map(DeadLetters::letter).toList());
        for (Rejected r : rejected) {
            counter(r.record().topic()).increment();
        }
    }

    /** The headers SmallRye's strategy wrote: the exception's class, and its cause's message and class. */
    private static DeadLetterSender.Letter letter(Rejected r) {
        RuntimeException problem = r.problem();
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put(EXCEPTION_CLASS, problem.getClass().getName());
        if (problem.getCause() != null) {
            extra.put(CAUSE, String.valueOf(problem.getCause().getMessage()));
            extra.put(CAUSE_CLASS, problem.getCause().getClass().getName());
        }
        return new DeadLetterSender.Letter(r.record(), String.valueOf(problem.getMessage()), extra);
    }

    private Counter counter(String topic) {
        return counters.computeIfAbsent(topic, t -> Counter.builder("ogi.notification.dead.letters")
                .description("Records sent to the dead-letter topic because they could not be applied")
                .tag("topic", t).register(registry));
    }

    /** Created at start (not on the first poll), so the metric series exist from the start. */
    void onStart(@Observes StartupEvent event) {
    }

    void onStop(@Observes ShutdownEvent event) {
        sender.close();
    }
}
