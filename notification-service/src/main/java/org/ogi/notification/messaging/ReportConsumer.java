package org.ogi.notification.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.ogi.format.ReportEvent;
import org.ogi.format.Topics;
import org.ogi.notification.service.StateStore;
import org.ogi.support.kafka.PollRetry;

/**
 * Keeps the state of every report (a filing meets the obligation, a return or withdrawal reopens it), a poll at a
 * time: the good events in one transaction, the ones that can never be applied dead-lettered, then the offsets
 * committed (an exception, only thrown while stopping, leaves the whole poll to be delivered again).
 */
@ApplicationScoped
public class ReportConsumer {

    private final StateStore store;
    private final BatchRunner runner;
    private final DeadLetters deadLetters;

    public ReportConsumer(StateStore store, BatchRunner runner, DeadLetters deadLetters) {
        this.store = store;
        this.runner = runner;
        this.deadLetters = deadLetters;
    }

    @Incoming("reports")
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) {
        List<PollRetry.Polled<ReportEvent>> valid = new ArrayList<>(records.count());
        List<DeadLetters.Rejected> rejected = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            try {
                valid.add(new PollRetry.Polled<>(r, EventChecks.report(r.key(), r.value())));
            } catch (RuntimeException e) {
                rejected.add(new DeadLetters.Rejected(r, e));
            }
        }
        List<StateStore.Outcome> outcomes = new ArrayList<>(1); // one per committed transaction
        runner.apply(Topics.REPORTS, valid, events -> outcomes.add(store.applyReports(events)))
                .forEach(r -> rejected.add(new DeadLetters.Rejected(r.record(), r.problem())));
        int sent = runner.untilDone(Topics.REPORTS, () -> deadLetters.send(rejected));
        count(StateStore.Outcome.sum(outcomes), sent);
    }

    private void count(StateStore.Outcome outcome, int deadLettered) {
        runner.count(Topics.REPORTS, "applied", outcome.applied());
        runner.count(Topics.REPORTS, "stale", outcome.stale());
        runner.count(Topics.REPORTS, "duplicate", outcome.duplicate());
        runner.count(Topics.REPORTS, "dead-lettered", deadLettered);
    }
}
