package org.ogi.support.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** How a batch's failures are handled: retried, applied one at a time, or left for redelivery at shutdown. */
class PollRetryTest {

    private final PollRetry retry = new PollRetry();

    private static RuntimeException database(String sqlState) {
        return new IllegalStateException("insert into report", new SQLException("refused", sqlState));
    }

    private static List<PollRetry.Polled<String>> events(String... names) {
        List<PollRetry.Polled<String>> out = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            out.add(new PollRetry.Polled<>(new ConsumerRecord<>("ogi.reports", 0, i, names[i], new byte[0]), names[i]));
        }
        return out;
    }

    @Test
    void aConnectionFailureIsRetriedUntilTheBatchIsStored() {
        List<List<String>> calls = new ArrayList<>();
        List<PollRetry.Refused> refused = retry.apply("ogi.reports", events("a", "b"), batch -> {
            calls.add(batch);
            if (calls.size() < 3) {
                throw database("08006");
            }
        });
        assertEquals(List.of(), refused);
        assertEquals(List.of(List.of("a", "b"), List.of("a", "b"), List.of("a", "b")), calls);
    }

    @Test
    void anEventTheDatabaseRefusesIsTheOnlyOneRefusedTheOthersAreAppliedInOrder() {
        List<String> stored = new ArrayList<>();
        List<PollRetry.Refused> refused = retry.apply("ogi.reports", events("a", "bad", "c"), batch -> {
            if (batch.contains("bad")) {
                throw database("22021");
            }
            stored.addAll(batch);
        });
        assertEquals(List.of("a", "c"), stored);
        assertEquals(1, refused.size());
        assertEquals("bad", refused.get(0).record().key());
        assertTrue(refused.get(0).problem().getCause().getMessage().contains("refused"));
    }

    @Test
    void aDeadlockWhileApplyingOneAtATimeIsRetriedNotDeadLettered() {
        List<String> stored = new ArrayList<>();
        int[] deadlocks = {1};
        List<PollRetry.Refused> refused = retry.apply("ogi.reports", events("a", "bad", "c"), batch -> {
            if (batch.contains("bad")) {
                throw database("23514");
            }
            if (batch.equals(List.of("c")) && deadlocks[0]-- > 0) {
                throw database("40P01");
            }
            stored.addAll(batch);
        });
        assertEquals(List.of("a", "c"), stored);
        assertEquals(List.of("bad"), refused.stream().map(r -> r.record().key()).toList());
    }

    @Test
    void untilDoneRetriesAnyFailureAndReturnsTheResult() {
        int[] calls = {0};
        int sent = retry.untilDone("ogi.reports", () -> {
            if (++calls[0] < 2) {
                throw new IllegalStateException("dead-letter records not acknowledged");
            }
            return 7;
        });
        assertEquals(7, sent);
        assertEquals(2, calls[0]);
    }

    @Test
    void anInterruptWhileTheDatabaseIsDownStopsWithoutRefusingAnything() {
        List<List<String>> calls = new ArrayList<>();
        try {
            assertThrows(PollRetry.StoppingException.class, () -> retry.apply("ogi.reports", events("a"), batch -> {
                calls.add(batch);
                Thread.currentThread().interrupt(); // what the worker pool does to its threads at shutdown
                throw database("57P01");
            }));
        } finally {
            Thread.interrupted();
        }
        assertEquals(1, calls.size(), "not retried, and not turned into a dead letter");
    }

    @Test
    void afterStopNothingIsAppliedNorRefused() {
        retry.stop();
        List<List<String>> calls = new ArrayList<>();
        assertThrows(PollRetry.StoppingException.class, () -> retry.apply("ogi.reports", events("a"), calls::add));
        assertEquals(List.of(), calls);
    }
}
