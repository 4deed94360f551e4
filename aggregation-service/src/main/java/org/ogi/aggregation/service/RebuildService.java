package org.ogi.aggregation.service;

import org.ogi.support.problem.ProblemException;
import io.agroal.api.AgroalDataSource;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.ogi.aggregation.StatisticsConfig;
import org.ogi.format.Topics;
import org.ogi.support.kafka.DeadLetterLedger;

/**
 * Replays both topics from offset zero into the scratch tables rebuild_agency and rebuild_report_state (keeping, per
 * key, the newest revision / newest agency state, with the same decoder as the live consumers; {@link ReplayStore}),
 * then compares them and independently recomputed region sums with the incremental tables
 * ({@link RebuildComparison}). Nothing live is modified. Each phase logs its time.
 */
@ApplicationScoped
public class RebuildService {

    private static final Logger LOG = Logger.getLogger(RebuildService.class);
    private static final Duration REPLAY_LIMIT = Duration.ofMinutes(30);

    private final AgroalDataSource dataSource;
    private final CellIndex index;
    private final StatisticsConfig config;
    private final Map<String, Object> kafkaConfig;
    private final String groupId;
    private final AtomicBoolean running = new AtomicBoolean();

    public RebuildService(AgroalDataSource dataSource, CellIndex index, StatisticsConfig config,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            @ConfigProperty(name = "mp.messaging.incoming.reports.group.id") String groupId) {
        this.dataSource = dataSource;
        this.index = index;
        this.config = config;
        this.kafkaConfig = kafkaConfig;
        this.groupId = groupId;
    }

    public Views.RebuildResult rebuild() {
        if (!running.compareAndSet(false, true)) {
            throw ProblemException.conflict("已有一次重建正在进行，请稍后再试");
        }
        long started = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("truncate rebuild_agency, rebuild_report_state");
            }
            c.commit();
            ReplayReader reader = new ReplayReader(String.valueOf(kafkaConfig.get("bootstrap.servers")),
                    config.rebuildPollRecords());
            Map<TopicPartition, Long> end;
            long read;
            long invalid;
            Map<String, String> deadLettered = DeadLetterLedger.claimed(c, List.of(Topics.AGENCIES, Topics.REPORTS));
            c.commit();
            try (ReplayStore store = new ReplayStore(c, index, deadLettered)) {
                end = reader.readAll(List.of(Topics.AGENCIES, Topics.REPORTS), REPLAY_LIMIT, store::accept);
                store.finish();
                read = store.read();
                invalid = store.invalid();
                LOG.infof("Rebuild replay: %d events in %d ms (decoding %d ms summed over two threads, storing %d ms)",
                        read, (System.nanoTime() - started) / 1_000_000, store.decodeMillis(), store.storeMillis());
            }
            long replayed = System.nanoTime();
            boolean caughtUp = reader.waitForGroup(groupId, end, config.rebuildCatchUp());
            long waited = System.nanoTime();
            LOG.infof("Rebuild catch-up wait: %d ms (live consumer caught up: %s)", (waited - replayed) / 1_000_000,
                    caughtUp);
            RebuildComparison.Result result = RebuildComparison.compare(c, config.firstYear(), config.lastClosedYear());
            c.commit();
            long ms = (System.nanoTime() - started) / 1_000_000;
            LOG.infof("Rebuild read %d events (%d invalid) in %d ms: %d differences, live consumer caught up: %s",
                    read, invalid, ms, result.count(), caughtUp);
            return new Views.RebuildResult(result.count() == 0, result.count(), result.differences(), read, invalid,
                    caughtUp, ms);
        } catch (SQLException e) {
            throw new IllegalStateException("rebuild failed: " + e.getMessage(), e);
        } finally {
            running.set(false);
        }
    }
}
