package org.ogi.notification.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Runs the chase on the real clock ({@code ogi.chase.every}, default 10 minutes; {@code off} in tests, which drive runs
 * through the API). Overlapping runs are skipped here; across instances the delivery claims make overlap harmless.
 */
@ApplicationScoped
public class ChaseScheduler {

    private static final Logger LOG = Logger.getLogger(ChaseScheduler.class);

    private final ChaseService chase;

    public ChaseScheduler(ChaseService chase) {
        this.chase = chase;
    }

    @Scheduled(identity = "chase", every = "${ogi.chase.every:10m}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        try {
            chase.run(Instant.now());
        } catch (RuntimeException e) {
            LOG.errorf(e, "Scheduled chase run failed; the next run will pick up where it stopped");
        }
    }
}
