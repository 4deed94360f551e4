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

    public ReportConsumer(StateStore store, TransientRetry retry) {
        this.store = store;
        this.retry = retry;
    }

    /** One record at a time, in order; an exception dead-letters the record (failure-strategy=dead-letter-queue). */
    @Incoming("reports")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        ReportEvent event = EventChecks.report(record.key(), record.value());
        retry.run("report " + record.key(), () -> store.applyReport(event));
    }
}
