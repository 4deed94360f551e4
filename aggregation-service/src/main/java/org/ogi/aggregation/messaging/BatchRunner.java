package org.ogi.aggregation.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import org.ogi.support.kafka.PollRetry;

/**
 * The shared {@link PollRetry} with this service's meters. A poll is applied in one transaction and is idempotent
 * (revisions, newest-wins), so retrying it after a database or broker hiccup is safe; a poll PostgreSQL refuses because
 * of one event's data (a NUL in text, a numeric overflow, a constraint) is applied one event at a time, and only the
 * events refused alone are dead-lettered, so they never block their partition. Offsets are committed after success.
 */
@ApplicationScoped
public class BatchRunner extends PollRetry {

    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, Counter> counters = new ConcurrentHashMap<>();

    public BatchRunner(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Records how long one polled batch took, from decoding to commit (retries included). */
    public void timed(String topic, long startedNanos) {
        Timer.builder("ogi.aggregation.batch").description("Time to decode, apply and dead-letter one polled batch")
                .tag("topic", topic).register(registry).record(Duration.ofNanos(System.nanoTime() - startedNanos));
    }

    /** Counts events by topic and outcome: applied, stale (revision not newer), dead-lettered. */
    public void count(String topic, String outcome, int n) {
        if (n > 0) {
            counters.computeIfAbsent(topic + "/" + outcome, k -> Counter.builder("ogi.aggregation.events")
                    .description("Consumed events by outcome").tag("topic", topic).tag("outcome", outcome)
                    .register(registry)).increment(n);
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }
}
