package org.ogi.aggregation.service;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.ogi.aggregation.domain.RegionChain;
import org.ogi.format.ReportEvent;
import org.ogi.format.ReportState;
import org.ogi.format.ReportStatus;
import org.ogi.support.kafka.FailureKind;

/**
 * Applies a batch of report states in one transaction: each state only if its revision is newer than the one held,
 * subtracting the replaced state's cells and adding the new one's along the whole ancestor chain. The batch's deltas
 * are summed in memory first, so a burst costs one upsert per touched (region, year) row, not one per event; rows are
 * written in key order so concurrent batches (other partitions, other instances) never deadlock. The compliance rows
 * of the regions and years touched are recounted in the same transaction ({@link ComplianceLedger}).
 */
@ApplicationScoped
public class ReportApplier {

    static final String UPDATE = "update report_state set revision = ?, version = ?, status = ?, format = ?, "
            + "region_code = ?, received_at = ?, deadline = ?, on_time = ?, cells = ?, event_id = ?::uuid, "
            + "occurred_at = ?, applied_at = now() where agency_code = ? and year = ?";
    static final String INSERT = "insert into %s (revision, version, status, format, region_code, received_at, "
            + "deadline, on_time, cells, event_id, occurred_at, agency_code, year) "
            + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::uuid, ?, ?, ?) on conflict (agency_code, year) do nothing";

    private final AgroalDataSource dataSource;
    private final CellIndex index;

    public ReportApplier(AgroalDataSource dataSource, CellIndex index) {
        this.dataSource = dataSource;
        this.index = index;
    }

    /** What a batch did: states applied, and stale or duplicate states ignored. */
    public record Outcome(int applied, int stale) {
    }

    record Key(String agencyCode, int year) implements Comparable<Key> {
        private static final Comparator<Key> ORDER = Comparator.comparing(Key::agencyCode).thenComparingInt(Key::year);

        @Override
        public int compareTo(Key o) {
            return ORDER.compare(this, o);
        }
    }

    record RegionYear(String region, int year) implements Comparable<RegionYear> {
        private static final Comparator<RegionYear> ORDER =
                Comparator.comparing(RegionYear::region).thenComparingInt(RegionYear::year);

        @Override
        public int compareTo(RegionYear o) {
            return ORDER.compare(this, o);
        }
    }

    /** The state held for a key, from the database or from earlier in this batch. */
    private record Held(long revision, boolean counts, String region, BigDecimal[] cells) {
    }

    /** What one (region, year) row changes by: cell sums by position, and the contributing-report count. */
    private static final class Delta {
        BigDecimal[] cells = new BigDecimal[0];
        int reports;

        void add(BigDecimal[] values, int sign) {
            addCells(values, sign < 0);
            reports += sign;
        }

        void addDelta(Delta other) {
            addCells(other.cells, false);
            reports += other.reports;
        }

        private void addCells(BigDecimal[] values, boolean negate) {
            if (values.length > cells.length) {
                cells = Arrays.copyOf(cells, values.length);
            }
            for (int i = 0; i < values.length; i++) {
                BigDecimal v = values[i];
                if (v != null) {
                    BigDecimal signed = negate ? v.negate() : v;
                    cells[i] = cells[i] == null ? signed : cells[i].add(signed);
                }
            }
        }

        boolean isZero() {
            for (BigDecimal v : cells) {
                if (v != null && v.signum() != 0) {
                    return false;
                }
            }
            return reports == 0;
        }
    }

    @Transactional
    public Outcome apply(List<ReportEvent> events) {
        if (events.isEmpty()) {
            return new Outcome(0, 0);
        }
        try (Connection c = dataSource.getConnection()) {
            TreeMap<Key, ReportEvent> latest = new TreeMap<>();
            events.forEach(e -> latest.put(key(e.report()), null));
            ComplianceLedger.lockAgencies(c, latest.keySet().stream().map(Key::agencyCode).distinct().toList());
            Map<Key, Held> held = lockHeld(c, new ArrayList<>(latest.keySet()));
            Set<Key> existed = new HashSet<>(held.keySet());
            Map<Key, BigDecimal[]> arrays = new HashMap<>();
            TreeMap<RegionYear, Delta> deltas = new TreeMap<>();
            Set<RegionYear> touched = new HashSet<>();
            int applied = 0;
            for (ReportEvent event : events) {
                ReportState s = event.report();
                Key key = key(s);
                Held old = held.get(key);
                if (old != null && s.revision() <= old.revision()) {
                    continue;
                }
                if (old != null && old.counts()) {
                    contribute(deltas, old.region(), s.year(), old.cells(), -1);
                }
                if (old != null) {
                    touched.add(new RegionYear(old.region(), s.year()));
                }
                touched.add(new RegionYear(s.regionCode(), s.year()));
                Held now = new Held(s.revision(), counts(s), s.regionCode(), index.toArray(cellsOf(s)));
                if (now.counts()) {
                    contribute(deltas, now.region(), s.year(), now.cells(), +1);
                }
                held.put(key, now);
                latest.put(key, event);
                arrays.put(key, now.cells());
                applied++;
            }
            writeStates(c, latest, existed, arrays);
            writeTotals(c, rollUp(deltas));
            Map<String, String> agencyRegions = ComplianceLedger.agencyRegions(c,
                    latest.keySet().stream().map(Key::agencyCode).distinct().toList());
            latest.forEach((k, e) -> {
                if (e != null && agencyRegions.containsKey(k.agencyCode())) {
                    touched.add(new RegionYear(agencyRegions.get(k.agencyCode()), k.year()));
                }
            });
            ComplianceLedger.recount(c, touched);
            return new Outcome(applied, events.size() - applied);
        } catch (SQLException e) {
            throw new IllegalStateException("could not apply report states: " + e.getMessage(), e);
        }
    }

    static boolean counts(ReportState s) {
        return s.status() != ReportStatus.WITHDRAWN;
    }

    static Map<String, BigDecimal> cellsOf(ReportState s) {
        return s.cells() == null ? Map.of() : s.cells();
    }

    private static Key key(ReportState s) {
        return new Key(s.agencyCode(), s.year());
    }

    /** Adds to the report's own region only; {@link #rollUp} carries the sums up once per region, not per report. */
    private static void contribute(Map<RegionYear, Delta> deltas, String region, int year, BigDecimal[] cells,
            int sign) {
        deltas.computeIfAbsent(new RegionYear(region, year), k -> new Delta()).add(cells, sign);
    }

    /** The leaf deltas plus, for every ancestor, the sum of the leaf deltas below it. */
    private static TreeMap<RegionYear, Delta> rollUp(TreeMap<RegionYear, Delta> leaves) {
        TreeMap<RegionYear, Delta> all = new TreeMap<>();
        leaves.forEach((leaf, d) -> {
            for (String code : RegionChain.selfAndAncestors(leaf.region())) {
                all.computeIfAbsent(new RegionYear(code, leaf.year()), k -> new Delta()).addDelta(d);
            }
        });
        return all;
    }

    /** Reads and locks the held states of {@code keys} (sorted), so no other batch changes them until commit. */
    private static Map<Key, Held> lockHeld(Connection c, List<Key> keys) throws SQLException {
        Map<Key, Held> held = new HashMap<>();
        String sql = "select r.agency_code, r.year, r.revision, r.status, r.region_code, r.cells "
                + "from report_state r join unnest(?::text[], ?::int[]) as k(agency_code, year) "
                + "on r.agency_code = k.agency_code and r.year = k.year "
                + "order by r.agency_code, r.year for update of r";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("text", keys.stream().map(Key::agencyCode).toArray()));
            ps.setArray(2, c.createArrayOf("integer", keys.stream().map(Key::year).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    boolean counts = !ReportStatus.WITHDRAWN.name().equals(rs.getString(4));
                    held.put(new Key(rs.getString(1), rs.getInt(2)),
                            new Held(rs.getLong(3), counts, rs.getString(5), CellIndex.read(rs, 6)));
                }
            }
        }
        return held;
    }

    private static void writeStates(Connection c, TreeMap<Key, ReportEvent> latest, Set<Key> existed,
            Map<Key, BigDecimal[]> arrays) throws SQLException {
        try (PreparedStatement up = c.prepareStatement(UPDATE);
                PreparedStatement in = c.prepareStatement(String.format(INSERT, "report_state"))) {
            int updates = 0;
            int inserts = 0;
            for (Map.Entry<Key, ReportEvent> e : latest.entrySet()) {
                if (e.getValue() == null) {
                    continue; // every state of this key in the batch was stale
                }
                PreparedStatement ps = existed.contains(e.getKey()) ? up : in;
                bindState(ps, e.getValue());
                ps.setArray(9, c.createArrayOf("numeric", arrays.get(e.getKey())));
                ps.addBatch();
                if (ps == up) {
                    updates++;
                } else {
                    inserts++;
                }
            }
            if (updates > 0) {
                up.executeBatch();
            }
            if (inserts > 0) {
                for (int count : in.executeBatch()) {
                    if (count == 0) {
                        // another consumer (a zombie after a rebalance) inserted the key since we looked: our delta
                        // assumed nothing was held, so the whole batch must be recomputed
                        throw new ConcurrentApplyException();
                    }
                }
            }
        }
    }

    /**
     * Binds the columns of a report_state row in the order of {@link #UPDATE} and {@link #INSERT}, all but the cells
     * (parameter 9), which the caller binds as an array or as its literal.
     */
    static void bindState(PreparedStatement ps, ReportEvent event) throws SQLException {
        ReportState s = event.report();
        ps.setLong(1, s.revision());
        ps.setInt(2, s.version());
        ps.setString(3, s.status().name());
        ps.setString(4, s.format());
        ps.setString(5, s.regionCode());
        ps.setTimestamp(6, s.receivedAt() == null ? null : Timestamp.from(s.receivedAt()));
        if (s.deadline() == null) {
            ps.setNull(7, Types.DATE);
        } else {
            ps.setObject(7, s.deadline());
        }
        ps.setBoolean(8, s.onTime());
        ps.setString(10, event.eventId().toString());
        ps.setTimestamp(11, Timestamp.from(event.occurredAt()));
        ps.setString(12, s.agencyCode());
        ps.setInt(13, s.year());
    }

    /** One upsert per touched (region, year), in key order; the database adds the delta to the held sums exactly. */
    private static void writeTotals(Connection c, TreeMap<RegionYear, Delta> deltas) throws SQLException {
        String sql = "insert into region_total (region_code, year, reports, cells, updated_at) "
                + "values (?, ?, ?, ?, now()) on conflict (region_code, year) do update set "
                + "reports = region_total.reports + excluded.reports, "
                + "cells = cell_sum(region_total.cells, excluded.cells), updated_at = excluded.updated_at";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int rows = 0;
            for (Map.Entry<RegionYear, Delta> e : deltas.entrySet()) {
                Delta d = e.getValue();
                if (d.isZero()) {
                    continue;
                }
                ps.setString(1, e.getKey().region());
                ps.setInt(2, e.getKey().year());
                ps.setInt(3, d.reports);
                ps.setArray(4, c.createArrayOf("numeric", d.cells));
                ps.addBatch();
                rows++;
            }
            if (rows > 0) {
                ps.executeBatch();
            }
        }
    }

    /** The batch raced with another writer of the same report key; retrying recomputes it from the committed state. */
    public static final class ConcurrentApplyException extends IllegalStateException implements FailureKind.Retryable {
        ConcurrentApplyException() {
            super("a report key was inserted concurrently; the batch will be retried");
        }
    }
}
