package org.ogi.submission.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports Kafka and the outbox backlog on the readiness endpoint but always UP: filings are stored in PostgreSQL and
 * published later, so a broker outage must not take the service out of a load balancer. Readiness itself is the
 * database's check (Quarkus's datasource health).
 */
@Readiness
@ApplicationScoped
public class OutboxHealthCheck implements HealthCheck {

    private final OutboxMonitor monitor;
    private final OutboxRelay relay;

    public OutboxHealthCheck(OutboxMonitor monitor, OutboxRelay relay) {
        this.monitor = monitor;
        this.relay = relay;
    }

    @Override
    public HealthCheckResponse call() {
        var builder = HealthCheckResponse.named("outbox").up()
                .withData("kafka", monitor.kafkaReachable() ? "UP" : "DOWN");
        try {
            OutboxMonitor.Backlog b = monitor.backlog();
            builder.withData("backlog", b.unsent())
                    .withData("oldestUnsentSeconds", b.oldestUnsentSeconds() == null ? 0 : Math.round(b.oldestUnsentSeconds()));
        } catch (RuntimeException e) {
            builder.withData("backlog", "unknown");
        }
        if (relay.lastError() != null) {
            builder.withData("lastPublishError", relay.lastError());
        }
        return builder.build();
    }
}
