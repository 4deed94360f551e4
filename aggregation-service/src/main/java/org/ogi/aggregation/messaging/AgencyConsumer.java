package org.ogi.aggregation.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.ogi.aggregation.service.AgencyApplier;
import org.ogi.format.AgencyEvent;
import org.ogi.format.Topics;
import org.ogi.support.kafka.PollRetry;

/** Consumes {@code ogi.agencies} a poll at a time, like {@link ReportConsumer}. */
@ApplicationScoped
public class AgencyConsumer {

    private final AgencyApplier applier;
    private final DeadLetters deadLetters;
    private final BatchRunner runner;

    public AgencyConsumer(AgencyApplier applier, DeadLetters deadLetters, BatchRunner runner) {
        this.applier = applier;
        this.deadLetters = deadLetters;
        this.runner = runner;
    }

    @Incoming("agencies")
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) {
        long started = System.nanoTime();
        List<PollRetry.Polled<AgencyEvent>> valid = new ArrayList<>(records.count());
        List<DeadLetters.Rejected> rejected = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            Decoded<AgencyEvent> d = EventDecoder.agency(r.key(), r.value());
            if (d.valid()) {
                valid.add(new PollRetry.Polled<>(r, d.event()));
            } else {
                rejected.add(new DeadLetters.Rejected(r, d.problem()));
            }
        }
        List<PollRetry.Refused> refused = runner.apply(Topics.AGENCIES, valid, applier::apply);
        refused.forEach(r -> rejected.add(DeadLetters.Rejected.of(r)));
        int sent = runner.untilDone(Topics.AGENCIES, () -> deadLetters.send(rejected));
        // applied or superseded by a newer state of the same agency: agency events carry no revision to tell apart
        runner.count(Topics.AGENCIES, "applied", valid.size() - refused.size());
        runner.count(Topics.AGENCIES, "dead-lettered", sent);
        runner.timed(Topics.AGENCIES, started);
    }
}
