package org.ogi.aggregation.service;

import org.ogi.support.problem.ProblemException;
import io.agroal.api.AgroalDataSource;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.ogi.aggregation.StatisticsConfig;
import org.ogi.aggregation.messaging.Decoded;
import org.ogi.aggregation.messaging.EventDecoder;
import org.ogi.format.AgencyEvent;
import org.ogi.format.ReportEvent;
import org.ogi.format.Topics;

/**
 * Replays both topics from offset zero into the scratch tables rebuild_agency and rebuild_report_state (keeping, per
 * key, the newest revision / newest agency state, with the same decoder as the live consumers), then compares them and
 * independently recomputed region sums with the incremental tables. Nothing live is modified.
 */
@ApplicationScoped
public class RebuildService {

    private static final Logger LOG = Logger.getLogger(RebuildService.class);
    private static final Duration REPLAY_LIMIT = Duration.ofMinutes(30);
    private static final String REPORT_UPSERT = "insert into rebuild_report_state (revision, version, status, format, "
            + "region_code, received_at, deadline, on_time, cells, event_id, occurred_at, agency_code, year) "
            + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::uuid, ?, ?, ?) on conflict (agency_code, year) do update set "
            + "revision = excluded.revision, version = excluded.version, status = excluded.status, "
            + "format = excluded.format, region_code = excluded.region_code, received_at = excluded.received_at, "
            + "deadline = excluded.deadline, on_time = excluded.on_time, cells = excluded.cells, "
            + "event_id = excluded.event_id, occurred_at = excluded.occurred_at "
            + "where rebuild_report_state.revision < excluded.revision";

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
            AtomicLong read = new AtomicLong();
            AtomicLong invalid = new AtomicLong();
            long[] phaseNanos = new long[2]; // decode, store
            ReplayReader reader = new ReplayReader(String.valueOf(kafkaConfig.get("bootstrap.servers")));
            Map<TopicPartition, Long> end = reader.readAll(List.of(Topics.AGENCIES, Topics.REPORTS), REPLAY_LIMIT,
                    batch -> {
                        read.addAndGet(batch.size());
                        invalid.addAndGet(store(c, batch, phaseNanos));
                    });
            long replayed = System.nanoTime();
            LOG.infof("Rebuild replay: %d events in %d ms (decode %d ms, store %d ms, Kafka read the rest)", read.get(),
                    (replayed - started) / 1_000_000, phaseNanos[0] / 1_000_000, phaseNanos[1] / 1_000_000);
            boolean caughtUp = reader.waitForGroup(groupId, end, config.rebuildCatchUp());
            long waited = System.nanoTime();
            LOG.infof("Rebuild catch-up wait: %d ms (live consumer caught up: %s)", (waited - replayed) / 1_000_000,
                    caughtUp);
            RebuildComparison.Result result = RebuildComparison.compare(c, config.firstYear(), config.lastClosedYear());
            c.commit();
            LOG.infof("Rebuild comparison: %d ms", (System.nanoTime() - waited) / 1_000_000);
            long ms = (System.nanoTime() - started) / 1_000_000;
            LOG.infof("Rebuild read %d events (%d invalid) in %d ms: %d differences, live consumer caught up: %s",
                    read.get(), invalid.get(), ms, result.count(), caughtUp);
            return new Views.RebuildResult(result.count() == 0, result.count(), result.differences(), read.get(),
                    invalid.get(), caughtUp, ms);
        } catch (SQLException e) {
            throw new IllegalStateException("rebuild failed: " + e.getMessage(), e);
        } finally {
            running.set(false);
        }
    }

    /** Stores one polled batch in the scratch tables and commits; returns how many records were invalid. */
    private int store(Connection c, List<ConsumerRecord<String, byte[]>> batch, long[] phaseNanos) {
        long t0 = System.nanoTime();
        List<AgencyEvent> agencies = new ArrayList<>();
        Map<String, ReportEvent> reports = new TreeMap<>();
        int invalid = 0;
        for (ConsumerRecord<String, byte[]> r : batch) {
            if (Topics.AGENCIES.equals(r.topic())) {
                Decoded<AgencyEvent> d = EventDecoder.agency(r.key(), r.value());
                if (d.valid()) {
                    agencies.add(d.event());
                } else {
                    invalid++;
                }
            } else {
                Decoded<ReportEvent> d = EventDecoder.report(r.key(), r.value());
                if (d.valid()) {
                    // first state wins among equal revisions, as in the live consumer
                    reports.merge(r.key(), d.event(),
                            (held, next) -> next.report().revision() > held.report().revision() ? next : held);
                } else {
                    invalid++;
                }
            }
        }
        long t1 = System.nanoTime();
        phaseNanos[0] += t1 - t0;
        try {
            AgencyApplier.upsert(c, "rebuild_agency", agencies);
            try (PreparedStatement ps = c.prepareStatement(REPORT_UPSERT)) {
                for (ReportEvent e : reports.values()) {
                    ReportApplier.bindState(ps, e, c.createArrayOf("numeric",
                            index.toArray(ReportApplier.cellsOf(e.report()))));
                    ps.addBatch();
                }
                if (!reports.isEmpty()) {
                    ps.executeBatch();
                }
            }
            c.commit();
            phaseNanos[1] += System.nanoTime() - t1;
        } catch (SQLException e) {
            throw new IllegalStateException("could not store replayed events: " + e.getMessage(), e);
        }
        return invalid;
    }
}
