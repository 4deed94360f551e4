package org.ogi.support.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * Applies one polled batch until it is stored; shared by the consumers of aggregation- and notification-service. A
 * {@link FailureKind#TRANSIENT} failure (database or broker) is retried, batch and all (100 ms doubling to 5 s): the
 * appliers are idempotent, so nothing is lost or applied twice, and the partition cannot move past the batch without
 * losing order. A {@link FailureKind#DATA} failure would fail every retry: the batch is then applied one event at a
 * time, and only the events that fail alone are returned, to be dead-lettered. While the application stops nothing is
 * dead-lettered: a {@link StoppingException} leaves the batch unacknowledged, to be delivered again after restart.
 */
public class PollRetry {

    private static final Logger LOG = Logger.getLogger(PollRetry.class);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(100);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);

    private volatile boolean stopping;

    /** A decoded event and the record it came from (to dead-letter it byte for byte if it fails alone). */
    public record Polled<E>(ConsumerRecord<String, byte[]> record, E event) {
    }

    /** A record whose event failed alone because of its data, and how. */
    public record Refused(ConsumerRecord<String, byte[]> record, RuntimeException problem) {
    }

    /** Thrown when the application stops mid-batch: the connector must not acknowledge nor dead-letter the batch. */
    public static class StoppingException extends RuntimeException {
        StoppingException(String topic, Throwable cause) {
            super("stopping: batch from " + topic + " left unacknowledged, it is delivered again after restart", cause);
        }
    }

    private static class DataFailure extends RuntimeException {
        DataFailure(RuntimeException cause) {
            super(cause.getMessage(), cause);
        }

        RuntimeException problem() {
            return (RuntimeException) getCause();
        }
    }

    /**
     * Applies {@code events} (in one call of {@code apply}, retried until it succeeds); returns the events that can
     * never be applied, each with its reason, after applying the others one at a time, in order.
     */
    public <E> List<Refused> apply(String topic, List<Polled<E>> events, Consumer<List<E>> apply) {
        if (events.isEmpty()) {
            return List.of();
        }
        try {
            retry(topic, () -> apply.accept(events.stream().map(Polled::event).toList()), true);
            return List.of();
        } catch (DataFailure e) {
            if (events.size() == 1) {
                return List.of(new Refused(events.get(0).record(), e.problem()));
            }
            LOG.warnf("Batch of %d from %s cannot be applied (%s): applying its events one at a time", events.size(),
                    topic, e.getMessage());
        }
        List<Refused> refused = new ArrayList<>();
        for (Polled<E> one : events) {
            try {
                retry(topic, () -> apply.accept(List.of(one.event())), true);
            } catch (DataFailure e) {
                refused.add(new Refused(one.record(), e.problem()));
            }
        }
        return refused;
    }

    /** Runs {@code work} (e.g. storing dead letters) until it succeeds, whatever fails, unless the application stops. */
    public <T> T untilDone(String topic, Supplier<T> work) {
        List<T> result = new ArrayList<>(1);
        retry(topic, () -> result.add(work.get()), false);
        return result.get(0);
    }

    private void retry(String topic, Runnable work, boolean dataCanFail) {
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
                if (dataCanFail && FailureKind.of(e) == FailureKind.DATA) {
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

    private boolean stopping() {
        return stopping || Thread.currentThread().isInterrupted();
    }

    /** From now on nothing is retried nor dead-lettered (call on shutdown). */
    public void stop() {
        stopping = true;
    }
}
