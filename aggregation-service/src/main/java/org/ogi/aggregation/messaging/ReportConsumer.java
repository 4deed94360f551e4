package org.ogi.aggregation.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.ogi.aggregation.service.ReportApplier;
import org.ogi.format.ReportEvent;
import org.ogi.format.Topics;
import org.ogi.support.kafka.PollRetry;

/**
 * Consumes {@code ogi.reports} a poll at a time: good states are applied in one transaction, those the decoder or the
 * database refuse are dead-lettered ({@link BatchRunner}), then the offsets are committed.
 */
@ApplicationScoped
public class ReportConsumer {

    private final ReportApplier applier;
    private final DeadLetters deadLetters;
    private final BatchRunner runner;

    public ReportConsumer(ReportApplier applier, DeadLetters deadLetters, BatchRunner runner) {
        this.applier = applier;
        this.deadLetters = deadLetters;
        this.runner = runner;
    }

    @Incoming("reports")
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) {
        long started = System.nanoTime();
        List<PollRetry.Polled<ReportEvent>> valid = new ArrayList<>(records.count());
        List<DeadLetters.Rejected> rejected = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            Decoded<ReportEvent> d = EventDecoder.report(r.key(), r.value());
            if (d.valid()) {
                valid.add(new PollRetry.Polled<>(r, d.event()));
            } else {
                rejected.add(new DeadLetters.Rejected(r, d.problem()));
            }
        }
        List<ReportApplier.Outcome> outcomes = new ArrayList<>(1); // one per committed transaction
        runner.apply(Topics.REPORTS, valid, events -> outcomes.add(applier.apply(events)))
                .forEach(refused -> rejected.add(DeadLetters.Rejected.of(refused)));
        int sent = runner.untilDone(Topics.REPORTS, () -> deadLetters.send(rejected));
        runner.count(Topics.REPORTS, "applied", outcomes.stream().mapToInt(ReportApplier.Outcome::applied).sum());
        runner.count(Topics.REPORTS, "stale", outcomes.stream().mapToInt(ReportApplier.Outcome::stale).sum());
        runner.count(Topics.REPORTS, "dead-lettered", sent);
        runner.timed(Topics.REPORTS, started);
    }
}
