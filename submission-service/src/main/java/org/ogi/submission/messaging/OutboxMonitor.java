package org.ogi.submission.messaging;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * How far publishing lags behind filing: the outbox backlog and the age of its oldest unsent event (metrics and health),
 * and whether the broker answers. Both are reported, never used to refuse filings.
 */
@ApplicationScoped
public class OutboxMonitor {

    public record Backlog(long unsent, Double oldestUnsentSeconds) {
    }

    private final EntityManager em;
    private final Map<String, Object> kafkaConfig;
    private final AtomicReference<Cached> kafka = new AtomicReference<>();

    public OutboxMonitor(EntityManager em, MeterRegistry registry,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.em = em;
        this.kafkaConfig = kafkaConfig;
        Gauge.builder("ogi.outbox.backlog", this, m -> m.backlog().unsent())
                .description("Outbox events not yet acknowledged by Kafka").register(registry);
        Gauge.builder("ogi.outbox.oldest.unsent.age.seconds", this, m -> {
            Double age = m.backlog().oldestUnsentSeconds();
            return age == null ? 0 : age;
        }).description("Age of the oldest outbox event not yet published").register(registry);
    }

    public Backlog backlog() {
        return QuarkusTransaction.joiningExisting().call(() -> {
            Object[] row = (Object[]) em.createNativeQuery(
                    "select count(*), extract(epoch from now() - min(created_at)) from outbox_event where sent_at is null")
                    .getSingleResult();
            return new Backlog(((Number) row[0]).longValue(), row[1] == null ? null : ((Number) row[1]).doubleValue());
        });
    }

    /** Whether the broker answered a metadata request lately; cached for a few seconds so health probes stay cheap. */
    public boolean kafkaReachable() {
        Cached c = kafka.get();
        if (c != null && c.at().isAfter(Instant.now().minusSeconds(5))) {
            return c.up();
        }
        boolean up;
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaConfig.get("bootstrap.servers"),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000))) {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(2000)).clusterId().get();
            up = true;
        } catch (Exception e) {
            up = false;
        }
        kafka.set(new Cached(Instant.now(), up));
        return up;
    }

    private record Cached(Instant at, boolean up) {
    }

}
