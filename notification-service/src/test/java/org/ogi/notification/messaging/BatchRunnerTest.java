package org.ogi.notification.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.ogi.notification.service.Jdbc;

/** How a batch's failures are told apart: retried, applied one at a time, or left for redelivery at shutdown. */
class BatchRunnerTest {

    private final BatchRunner runner = new BatchRunner(new SimpleMeterRegistry());

    private static RuntimeException database(String sqlState) {
        return new Jdbc.DataAccessException("insert into report", new SQLException("refused", sqlState));
    }

    private static List<BatchRunner.Decoded<String>> events(String... names) {
        List<BatchRunner.Decoded<String>> out = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            out.add(new BatchRunner.Decoded<>(new ConsumerRecord<>("ogi.reports", 0, i, names[i], new byte[0]),
                    names[i]));
        }
        return out;
    }

    @Test
    void theDataDecidesWhatRetryingCannotCure() {
        assertTrue(BatchRunner.causedByData(database("22021")), "invalid byte sequence");
        assertTrue(BatchRunner.causedByData(database("23502")), "not-null violation");
        assertTrue(BatchRunner.causedByData(new IllegalArgumentException("a bug on this event")));
        assertFalse(BatchRunner.causedByData(database("08006")), "connection failure");
        assertFalse(BatchRunner.causedByData(database("40001")), "serialization failure");
        assertFalse(BatchRunner.causedByData(database("57P01")), "administrator shutdown");
        assertFalse(BatchRunner.causedByData(database(null)), "pool acquisition timeout");
    }

    @Test
    void aConnectionFailureIsRetriedUntilTheBatchIsStored() {
        List<List<String>> calls = new ArrayList<>();
        List<DeadLetters.Rejected> rejected = runner.apply("ogi.reports", events("a", "b"), batch -> {
            calls.add(batch);
            if (calls.size() < 3) {
                throw database("08006");
            }
        });
        assertEquals(List.of(), rejected);
        assertEquals(List.of(List.of("a", "b"), List.of("a", "b"), List.of("a", "b")), calls);
    }

    @Test
    void anEventTheDatabaseRefusesIsTheOnlyOneRejectedTheOthersAreAppliedInOrder() {
        List<String> stored = new ArrayList<>();
        List<DeadLetters.Rejected> rejected = runner.apply("ogi.reports", events("a", "bad", "c"), batch -> {
            if (batch.contains("bad")) {
                throw database("22021");
            }
            stored.addAll(batch);
        });
        assertEquals(List.of("a", "c"), stored);
        assertEquals(1, rejected.size());
        assertEquals("bad", rejected.get(0).record().key());
        assertTrue(rejected.get(0).problem().getMessage().contains("refused"));
    }

    @Test
    void anInterruptWhileTheDatabaseIsDownStopsWithoutRejectingAnything() {
        List<List<String>> calls = new ArrayList<>();
        try {
            assertThrows(BatchRunner.StoppingException.class, () -> runner.apply("ogi.reports", events("a"), batch -> {
                calls.add(batch);
                Thread.currentThread().interrupt(); // what the worker pool does to its threads at shutdown
                throw database("57P01");
            }));
        } finally {
            Thread.interrupted();
        }
        assertEquals(1, calls.size(), "not retried, and not turned into a dead letter");
    }
}
