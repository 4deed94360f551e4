package org.ogi.notification.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * Applies one polled batch in one transaction until it is stored. A failure of the database or the broker (connection,
 * rollback, resources, anything not about the data) is retried, batch and all: the batch is idempotent (processed
 * events, revision guards), so nothing is lost or applied twice, and the partition cannot move past it without losing
 * order. A failure caused by an event's data (SQLSTATE 22 or 23, or an error of this code) would fail every retry: the
 * batch is then applied one event at a time, and only the events that fail alone are dead-lettered. While the
 * application stops nothing is dead-lettered: the batch is left unacknowledged and is delivered again after restart.
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

    /** A decoded event and the record it came from (to dead-letter it byte for byte if it fails alone). */
    public record Decoded<E>(ConsumerRecord<String, byte[]> record, E event) {
    }

    /** Thrown when the application stops mid-batch: the connector must not acknowledge nor dead-letter the batch. */
    public static class StoppingException extends RuntimeException {
        StoppingException(String topic, Throwable cause) {
            super("stopping: batch from " + topic + " left unacknowledged, it is delivered again after restart", cause);
        }
    }

    /** A failure that retrying cannot cure, because of the events applied. */
    static class DataFailure extends RuntimeException {
        DataFailure(RuntimeException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /**
     * Applies {@code events} (in one call of {@code apply}, retried until it succeeds); returns the events that can
     * never be applied, each with its reason, after applying the others.
     */
    public <E> List<DeadLetters.Rejected> apply(String topic, List<Decoded<E>> events, Consumer<List<E>> apply) {
        if (events.isEmpty()) {
            return List.of();
        }
        try {
            untilDone(topic, () -> apply.accept(events.stream().map(Decoded::event).toList()), true);
            return List.of();
        } catch (DataFailure e) {
            if (events.size() == 1) {
                return List.of(new DeadLetters.Rejected(events.get(0).record(), (RuntimeException) e.getCause()));
            }
            LOG.warnf("Batch of %d from %s cannot be applied (%s): applying its events one at a time", events.size(),
                    topic, e.getMessage());
        }
        List<DeadLetters.Rejected> rejected = new ArrayList<>();
        for (Decoded<E> one : events) {
            try {
                untilDone(topic, () -> apply.accept(List.of(one.event())), true);
            } catch (DataFailure e) {
                rejected.add(new DeadLetters.Rejected(one.record(), (RuntimeException) e.getCause()));
            }
        }
        return rejected;
    }

    /** Runs {@code work} (e.g. storing dead letters) until it succeeds, whatever fails, unless the application stops. */
    public void untilDone(String topic, Runnable work) {
        untilDone(topic, work, false);
    }

    private void untilDone(String topic, Runnable work, boolean dataCanFail) {
        Duration pause = FIRST_PAUSE;
        for (int attempt = 1; ; attempt++) {
            if (stopping()) {
                throw new StoppingException(topic, null);
            }
            try {
                work.run();
                return;
            } catch (RuntimeException e) {
                if (stopping()) {
                    throw new StoppingException(topic, e);
                }
                if (dataCanFail && causedByData(e)) {
                    throw new DataFailure(e);
                }
                LOG.warnf("Batch from %s failed (attempt %d), retrying in %d ms: %s", topic, attempt, pause.toMillis(),
                        e.getMessage());
            }
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoppingException(topic, e);
            }
            pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
        }
    }

    /**
     * True when retrying cannot help: the database refused the data (SQLSTATE class 22 data exception, 23 integrity
     * constraint), or the failure did not come from the database at all (an error of this code on this event). Every
     * other database failure (08 connection, 40 rollback, 53 resources, 57 shutdown, pool timeouts) is retried.
     */
    static boolean causedByData(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof SQLException sql) {
                SQLException first = sql instanceof BatchUpdateException && sql.getNextException() != null
                        ? sql.getNextException() : sql;
                String state = first.getSQLState() != null ? first.getSQLState() : sql.getSQLState();
                return state != null && (state.startsWith("22") || state.startsWith("23"));
            }
        }
        return true;
    }

    private boolean stopping() {
        return stopping || Thread.currentThread().isInterrupted();
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
        stopping = true;
    }
}
