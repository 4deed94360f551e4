package org.ogi.notification.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ogi.format.Topics;

/**
 * Counts the records the connector dead-letters (failure-strategy=dead-letter-queue sends a record to
 * {@code <topic>.dlq} when its method throws), as {@code ogi_notification_dead_letters_total{topic}}, so an operator sees
 * poison records here as in the aggregation service, not only in the dead-letter topic.
 */
@ApplicationScoped
public class DeadLetterCount {

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public DeadLetterCount(MeterRegistry registry) {
        this.registry = registry;
        counter(Topics.REPORTS); // registered at zero, so a dashboard sees the series before the first dead letter
        counter(Topics.AGENCIES);
    }

    /** Created at start (not on the first record), so the series exist from the start. */
    void onStart(@Observes StartupEvent event) {
    }

    /** Runs {@code apply}; when it throws, the record is about to be dead-lettered: counted, and the exception rethrown. */
    public <T> void applyOrCount(ConsumerRecord<String, T> record, Consumer<ConsumerRecord<String, T>> apply) {
        try {
            apply.accept(record);
        } catch (RuntimeException e) {
            counter(record.topic()).increment();
            throw e;
        }
    }

    private Counter counter(String topic) {
        return counters.computeIfAbsent(topic, t -> Counter.builder("ogi.notification.dead.letters")
                .description("Records sent to the dead-letter topic because they could not be applied")
                .tag("topic", t).register(registry));
    }
}
