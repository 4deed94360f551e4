package org.ogi.notification.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ogi.format.Topics;
import org.ogi.support.kafka.DeadLetterLedger;
import org.ogi.support.kafka.DeadLetterSender;

/**
 * Sends records that can never be applied to {@code <topic>.dlq}, byte for byte, and counts them as
 * {@code ogi_notification_dead_letters_total{topic}}, through the shared {@link DeadLetterSender}. The headers are the
 * ones SmallRye's strategy wrote before, so readers of the dead-letter topics see no difference. Each source record is
 * dead-lettered once, however often its poll is delivered: claimed in {@code dead_letter} in the transaction that
 * waits for the broker ({@link DeadLetterLedger} says why there and not with the good events).
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
    private final DataSource dataSource;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public DeadLetters(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, MeterRegistry registry,
            DataSource dataSource) {
        this.sender = new DeadLetterSender(kafkaConfig.get("bootstrap.servers"), "notification-dead-letters");
        this.registry = registry;
        this.dataSource = dataSource;
        counter(Topics.REPORTS); // registered at zero, so a dashboard sees the series before the first dead letter
        counter(Topics.AGENCIES);
    }

    /** A record that can never be applied, and the exception that says why. */
    public record Rejected(ConsumerRecord<String, byte[]> record, RuntimeException problem) {
    }

    /**
     * Sends every rejected record not dead-lettered before and waits for the broker's acknowledgement; throws (and
     * claims nothing) if any is not stored. Returns how many were sent.
     */
    @Transactional
    public int send(List<Rejected> rejected) {
        if (rejected.isEmpty()) {
            return 0;
        }
        List<DeadLetterSender.Letter> fresh;
        try (Connection c = dataSource.getConnection()) {
            fresh = DeadLetterLedger.claim(c, rejected.stream().map(DeadLetters::letter).toList());
        } catch (SQLException e) {
            throw new IllegalStateException("could not claim dead letters: " + e.getMessage(), e);
        }
        sender.send(fresh);
        fresh.forEach(l -> counter(l.record().topic()).increment());
        return fresh.size();
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
