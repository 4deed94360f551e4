package org.ogi.aggregation.service;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.TreeMap;
import org.ogi.aggregation.StatisticsConfig;
import org.ogi.aggregation.service.ReportApplier.RegionYear;
import org.ogi.format.AgencyEvent;
import org.ogi.format.AgencyState;

/**
 * Keeps the registry as last seen on {@code ogi.agencies}. Agency events carry no revision, so the newest
 * {@code occurredAt} wins: a replay or a redelivered older state never overwrites a newer one. An agency's region and
 * validity decide whether it was expected in every year, so the compliance rows of its old and new region are
 * recounted for every year, and those of the regions its reports were filed in ({@link ComplianceLedger}).
 */
@ApplicationScoped
public class AgencyApplier {

    static final String UPSERT = "insert into %s (code, name, region_code, kind, valid_from, valid_to, event_id, "
            + "occurred_at) values (?, ?, ?, ?, ?, ?, ?::uuid, ?) on conflict (code) do update set name = excluded.name, "
            + "region_code = excluded.region_code, kind = excluded.kind, valid_from = excluded.valid_from, "
            + "valid_to = excluded.valid_to, event_id = excluded.event_id, occurred_at = excluded.occurred_at "
            + "where %<s.occurred_at <= excluded.occurred_at";

    private final AgroalDataSource dataSource;
    private final StatisticsConfig config;

    public AgencyApplier(AgroalDataSource dataSource, StatisticsConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    /** Applies the batch in order; returns how many agencies were written (at most one per code). */
    @Transactional
    public int apply(List<AgencyEvent> events) {
        try (Connection c = dataSource.getConnection()) {
            List<String> distinct = events.stream().map(e -> e.agency().code()).distinct().toList();
            ComplianceLedger.lockAgencies(c, distinct);
            Object[] codes = distinct.toArray();
            Set<String> regions = new HashSet<>();
            events.forEach(e -> regions.add(e.agency().regionCode()));
            Set<RegionYear> touched = new HashSet<>();
            try (PreparedStatement held = c.prepareStatement("select region_code, null::int from agency where code = any(?) "
                    + "union select region_code, year from report_state where agency_code = any(?)")) {
                held.setArray(1, c.createArrayOf("text", codes));
                held.setArray(2, c.createArrayOf("text", codes));
                try (ResultSet rs = held.executeQuery()) {
                    while (rs.next()) {
                        int year = rs.getInt(2);
                        if (rs.wasNull()) {
                            regions.add(rs.getString(1));
                        } else {
                            touched.add(new RegionYear(rs.getString(1), year));
                        }
                    }
                }
            }
            int written = upsert(c, "agency", events);
            for (String region : regions) {
                for (int year = config.firstYear(); year <= config.lastClosedYear(); year++) {
                    touched.add(new RegionYear(region, year));
                }
            }
            ComplianceLedger.recount(c, touched);
            return written;
        } catch (SQLException e) {
            throw new IllegalStateException("could not apply agency events: " + e.getMessage(), e);
        }
    }

    /** Also used by the rebuild into its scratch table; keeps, per code, the newest event of the batch. */
    static int upsert(Connection c, String table, List<AgencyEvent> events) throws SQLException {
        Map<String, AgencyEvent> newest = new TreeMap<>();
        for (AgencyEvent e : events) {
            newest.merge(e.agency().code(), e, (held, next) -> next.occurredAt().isBefore(held.occurredAt()) ? held : next);
        }
        if (newest.isEmpty()) {
            return 0;
        }
        try (PreparedStatement ps = c.prepareStatement(String.format(UPSERT, table))) {
            for (AgencyEvent e : newest.values()) {
                AgencyState a = e.agency();
                ps.setString(1, a.code());
                ps.setString(2, a.name() == null ? "" : a.name());
                ps.setString(3, a.regionCode());
                ps.setString(4, a.kind() == null ? null : a.kind().name());
                setDate(ps, 5, a.validFrom());
                setDate(ps, 6, a.validTo());
                ps.setString(7, e.eventId().toString());
                ps.setTimestamp(8, Timestamp.from(e.occurredAt()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return newest.size();
    }

    private static void setDate(PreparedStatement ps, int index, LocalDate date) throws SQLException {
        if (date == null) {
            ps.setNull(index, Types.DATE);
        } else {
            ps.setObject(index, date);
        }
    }
}
