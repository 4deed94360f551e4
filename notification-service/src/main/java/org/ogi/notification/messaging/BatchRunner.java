package org.ogi.notification.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.ConcurrentHashMap;
import org.ogi.support.kafka.PollRetry;

/**
 * The shared {@link PollRetry} (retry a poll on a database or broker failure, apply it one event at a time when an
 * event's data is refused, leave it unacknowledged at shutdown) with this service's event counters.
 */
@ApplicationScoped
public class BatchRunner extends PollRetry {

    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, Counter> counters = new ConcurrentHashMap<>();

    public BatchRunner(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Counts events by topic and outcome: applied, stale (not newer than the state held), duplicate, dead-lettered. */
    public void count(String topic, String outcome, int n) {
        if (n > 0) {
            counters.computeIfAbsent(topic + "/" + outcome, k -> Counter.builder("ogi.notification.events")
                    .description("Consumed events by outcome").tag("topic", topic).tag("outcome", outcome)
                    .register(registry)).increment(n);
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }
}
