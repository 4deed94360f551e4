package org.ogi.notification.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.ogi.format.ReportEvent;
import org.ogi.notification.service.StateStore;

/** Keeps the state of every report: a filing meets the obligation, a return or withdrawal reopens it. */
@ApplicationScoped
public class ReportConsumer {

    private final StateStore store;
    private final TransientRetry retry;
    private final DeadLetterCount deadLetters;

    public ReportConsumer(StateStore store, TransientRetry retry, DeadLetterCount deadLetters) {
        this.store = store;
        this.retry = retry;
        this.deadLetters = deadLetters;
    }

    /** One record at a time, in order; an exception dead-letters the record (failure-strategy=dead-letter-queue). */
    @Incoming("reports")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        deadLetters.applyOrCount(record, r -> {
            ReportEvent event = EventChecks.report(r.key(), r.value());
            retry.run("report " + r.key(), () -> store.applyReport(event));
        });
    }
}
