package org.ogi.notification.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.ogi.format.AgencyEvent;
import org.ogi.notification.service.StateStore;

/** Keeps the registry of agencies (contacts, kind, supervising office): who owes a report and how to reach them. */
@ApplicationScoped
public class AgencyConsumer {

    private final StateStore store;
    private final TransientRetry retry;

    public AgencyConsumer(StateStore store, TransientRetry retry) {
        this.store = store;
        this.retry = retry;
    }

    @Incoming("agencies")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        AgencyEvent event = EventChecks.agency(record.key(), record.value());
        retry.run("agency " + record.key(), () -> store.applyAgency(event));
    }
}
