package org.ogi.submission.messaging;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/** Tuning of the outbox relay. */
@ConfigMapping(prefix = "ogi.outbox")
public interface OutboxConfig {

    /** Rows published per round trip to Kafka. */
    int batchSize();

    /** How often the relay looks for unsent events when idle (the scheduler reads it from the same key). */
    Duration interval();

    /** How long one batch may wait for the broker before the relay backs off and retries later. */
    Duration sendTimeout();

    /**
     * How long a commit's wake-up waits for more commits before the relay runs: under load one round trip then carries
     * the events of several filings (one select, one produce request the broker flushes once, one update).
     */
    Duration gather();
}
