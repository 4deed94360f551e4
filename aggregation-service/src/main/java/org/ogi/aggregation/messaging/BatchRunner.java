package org.ogi.aggregation.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Runs one batch's work until it succeeds. A batch is applied in one transaction and is idempotent (revisions,
 * newest-wins), so retrying after a database or broker hiccup is safe, whereas letting the exception reach the
 * connector would stop the channel, and skipping the batch would lose events. Offsets are only committed after success.
 */
@ApplicationScoped
public class BatchRunner {

    private static final Logger LOG = Logger.getLogger(BatchRunner.class);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(100);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);

    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, Counter> counters = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    public BatchRunner(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Runs {@code work} until it returns; gives up (throws) only when the application is stopping. */
    public <T> T untilDone(String topic, Supplier<T> work) {
        Duration pause = FIRST_PAUSE;
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (RuntimeException e) {
                if (stopping || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                LOG.warnf("Batch from %s failed (attempt %d), retrying in %d ms: %s", topic, attempt, pause.toMillis(),
                        e.getMessage());
                sleep(pause);
                pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
            }
        }
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

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }
}
