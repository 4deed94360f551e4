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

/** Consumes {@code ogi.reports} a poll at a time: good states are applied in one transaction, bad ones dead-lettered. */
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
        List<ReportEvent> valid = new ArrayList<>(records.count());
        List<DeadLetters.Rejected> rejected = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            Decoded<ReportEvent> d = EventDecoder.report(r.key(), r.value());
            if (d.valid()) {
                valid.add(d.event());
            } else {
                rejected.add(new DeadLetters.Rejected(r, d.problem()));
            }
        }
        ReportApplier.Outcome outcome = runner.untilDone(Topics.REPORTS, () -> {
            ReportApplier.Outcome o = applier.apply(valid);
            deadLetters.send(rejected);
            return o;
        });
        runner.count(Topics.REPORTS, "applied", outcome.applied());
        runner.count(Topics.REPORTS, "stale", outcome.stale());
        runner.count(Topics.REPORTS, "dead-lettered", rejected.size());
        runner.timed(Topics.REPORTS, started);
    }
}
