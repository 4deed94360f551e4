package org.ogi.aggregation.messaging;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ogi.format.Topics;
import org.ogi.support.kafka.DeadLetterLedger;
import org.ogi.support.kafka.DeadLetterSender;
import org.ogi.support.kafka.FailureKind;
import org.ogi.support.kafka.PollRetry;

/**
 * Sends records the statistics cannot use to {@code <topic>.dlq} (through the shared {@link DeadLetterSender}) and
 * counts them as {@code ogi_aggregation_dead_letters_total{topic}}. Each source record is dead-lettered once, however
 * often its poll is delivered: it is claimed in {@code dead_letter} in the transaction that waits for the broker
 * ({@link DeadLetterLedger} says why there and not with the good events); the rebuild skips the records claimed.
 */
@ApplicationScoped
public class DeadLetters {

    public static final String REASON = DeadLetterSender.REASON;
    public static final String ORIGINAL_TOPIC = DeadLetterSender.ORIGINAL_TOPIC;

    private final DeadLetterSender sender;
    private final MeterRegistry registry;
    private final AgroalDataSource dataSource;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public DeadLetters(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, MeterRegistry registry,
            AgroalDataSource dataSource) {
        this.sender = new DeadLetterSender(kafkaConfig.get("bootstrap.servers"), "aggregation-dead-letters");
        this.registry = registry;
        this.dataSource = dataSource;
        counter(Topics.REPORTS); // registered at zero, so a dashboard sees the series before the first dead letter
        counter(Topics.AGENCIES);
    }

    /** A record that could not be used, and why. */
    public record Rejected(ConsumerRecord<String, byte[]> record, String reason) {

        /** An event the database refused when applied alone, with the SQLSTATE that says why. */
        static Rejected of(PollRetry.Refused refused) {
            String state = FailureKind.sqlState(refused.problem()).map(s -> " (SQLSTATE " + s + ")").orElse("");
            return new Rejected(refused.record(), "refused by the database" + state + ": "
                    + FailureKind.sqlMessage(refused.problem()).orElse(String.valueOf(refused.problem().getMessage())));
        }
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
            fresh = DeadLetterLedger.claim(c, rejected.stream()
                    .map(r -> new DeadLetterSender.Letter(r.record(), r.reason(), Map.of())).toList());
        } catch (SQLException e) {
            throw new IllegalStateException("could not claim dead letters: " + e.getMessage(), e);
        }
        sender.send(fresh);
        fresh.forEach(l -> counter(l.record().topic()).increment());
        return fresh.size();
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
