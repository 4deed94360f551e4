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
    private final DeadLetterCount deadLetters;

    public AgencyConsumer(StateStore store, TransientRetry retry, DeadLetterCount deadLetters) {
        this.store = store;
        this.retry = retry;
        this.deadLetters = deadLetters;
    }

    @Incoming("agencies")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        deadLetters.applyOrCount(record, r -> {
            AgencyEvent event = EventChecks.agency(r.key(), r.value());
            retry.run("agency " + r.key(), () -> store.applyAgency(event));
        });
    }
}
