package org.ogi.aggregation.service;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ogi.format.AgencyEvent;
import org.ogi.format.AgencyState;

/**
 * Keeps the registry as last seen on {@code ogi.agencies}. Agency events carry no revision, so the newest
 * {@code occurredAt} wins: a replay or a redelivered older state never overwrites a newer one. Compliance is counted on
 * read from this table, so an agency's validity change reaches every year's figures at once.
 */
@ApplicationScoped
public class AgencyApplier {

    static final String UPSERT = "insert into %s (code, name, region_code, kind, valid_from, valid_to, event_id, "
            + "occurred_at) values (?, ?, ?, ?, ?, ?, ?::uuid, ?) on conflict (code) do update set name = excluded.name, "
            + "region_code = excluded.region_code, kind = excluded.kind, valid_from = excluded.valid_from, "
            + "valid_to = excluded.valid_to, event_id = excluded.event_id, occurred_at = excluded.occurred_at "
            + "where %<s.occurred_at <= excluded.occurred_at";

    private final AgroalDataSource dataSource;

    public AgencyApplier(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Applies the batch in order; returns how many agencies were written (at most one per code). */
    @Transactional
    public int apply(List<AgencyEvent> events) {
        try (Connection c = dataSource.getConnection()) {
            return upsert(c, "agency", events);
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
