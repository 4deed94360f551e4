package org.ogi.notification.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.ogi.format.AgencyEvent;
import org.ogi.format.Topics;
import org.ogi.notification.service.StateStore;
import org.ogi.support.kafka.PollRetry;

/**
 * Keeps the registry of agencies (contacts, kind, supervising office: who owes a report and how to reach them), a poll
 * at a time like {@link ReportConsumer}.
 */
@ApplicationScoped
public class AgencyConsumer {

    private final StateStore store;
    private final BatchRunner runner;
    private final DeadLetters deadLetters;

    public AgencyConsumer(StateStore store, BatchRunner runner, DeadLetters deadLetters) {
        this.store = store;
        this.runner = runner;
        this.deadLetters = deadLetters;
    }

    @Incoming("agencies")
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) {
        List<PollRetry.Polled<AgencyEvent>> valid = new ArrayList<>(records.count());
        List<DeadLetters.Rejected> rejected = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            try {
                valid.add(new PollRetry.Polled<>(r, EventChecks.agency(r.key(), r.value())));
            } catch (RuntimeException e) {
                rejected.add(new DeadLetters.Rejected(r, e));
            }
        }
        List<StateStore.Outcome> outcomes = new ArrayList<>(1); // one per committed transaction
        runner.apply(Topics.AGENCIES, valid, events -> outcomes.add(store.applyAgencies(events)))
                .forEach(r -> rejected.add(new DeadLetters.Rejected(r.record(), r.problem())));
        int sent = runner.untilDone(Topics.AGENCIES, () -> deadLetters.send(rejected));
        count(StateStore.Outcome.sum(outcomes), sent);
    }

    private void count(StateStore.Outcome outcome, int deadLettered) {
        runner.count(Topics.AGENCIES, "applied", outcome.applied());
        runner.count(Topics.AGENCIES, "stale", outcome.stale());
        runner.count(Topics.AGENCIES, "duplicate", outcome.duplicate());
        runner.count(Topics.AGENCIES, "dead-lettered", deadLettered);
    }
}
