package org.ogi.notification.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ogi.format.RegionCodes;
import org.ogi.notification.domain.Channel;
import org.ogi.notification.domain.DeliveryKind;
import org.ogi.notification.domain.DeliveryStatus;
import org.ogi.notification.domain.Obligation;

/** The read side of the API: late filers of a subtree, and an agency's delivery log. */
@ApplicationScoped
public class ChaseQueries {

    private record Stats(int sent, Instant lastSent, boolean gaveUp, String lastError) {
    }

    private final Jdbc jdbc;
    private final ObligationQueries obligations;

    public ChaseQueries(Jdbc jdbc, ObligationQueries obligations) {
        this.jdbc = jdbc;
        this.obligations = obligations;
    }

    /** Unmet obligations of {@code year} in the subtree of {@code region} whose deadline had passed at {@code at}. */
    @Transactional
    public List<LateFiler> lateFilers(int year, String region, Instant at) {
        List<Obligation> late = obligations.unmet(List.of(year), RegionCodes.subtreePrefix(region)).stream()
                .filter(o -> o.daysLate(at) > 0)
                .toList();
        if (late.isEmpty()) {
            return List.of();
        }
        Object codes = new Jdbc.SqlArray("text", late.stream().map(o -> o.agency().code()).toArray());
        Map<String, Stats> stats = new HashMap<>();
        jdbc.query("""
                select agency_code,
                       count(distinct stage) filter (where status = 'SENT') as sent,
                       max(sent_at) as last_sent,
                       bool_or(status = 'GAVE_UP') as gave_up,
                       (array_agg(last_error order by id desc) filter (where status = 'GAVE_UP'))[1] as last_error
                from delivery
                where kind = 'REMINDER' and year = ? and agency_code = any(?::text[])
                group by agency_code
                """, rs -> stats.put(rs.getString("agency_code"), new Stats(rs.getInt("sent"),
                        Jdbc.instant(rs, "last_sent"), rs.getBoolean("gave_up"), rs.getString("last_error"))),
                year, codes);
        Set<String> escalated = new HashSet<>(jdbc.query("""
                select distinct i.agency_code from digest_item i join delivery d on d.id = i.delivery_id
                where d.status = 'SENT' and i.year = ? and i.agency_code = any(?::text[])
                """, rs -> rs.getString(1), year, codes));
        List<LateFiler> out = new ArrayList<>();
        for (Obligation o : late) {
            Stats s = stats.getOrDefault(o.agency().code(), new Stats(0, null, false, null));
            out.add(new LateFiler(o.agency().code(), o.agency().name(), o.regionCode(), o.kind(), o.supervisorCode(),
                    o.year(), o.deadline(), o.daysLate(at), o.status(), o.statusText(), o.reviewComment(), s.sent(),
                    s.lastSent(), escalated.contains(o.agency().code()), s.gaveUp(), s.lastError()));
        }
        out.sort((a, b) -> a.regionCode().equals(b.regionCode()) ? a.agencyCode().compareTo(b.agencyCode())
                : a.regionCode().compareTo(b.regionCode()));
        return out;
    }

    public java.util.Optional<String> regionOf(String agencyCode) {
        return obligations.regionOf(agencyCode);
    }

    /** Messages to the agency (as obliged agency or as supervising office) and digests that listed it, oldest first. */
    @Transactional
    public List<DeliveryView> deliveryLog(String agencyCode, Integer year) {
        return jdbc.query("""
                select d.*, false as listed from delivery d
                where d.agency_code = ? and (?::int is null or d.year = ?::int)
                union all
                select d.*, true as listed from delivery d join digest_item i on i.delivery_id = d.id
                where i.agency_code = ? and (?::int is null or i.year = ?::int)
                order by run_at, id
                """, ChaseQueries::view, agencyCode, year, year, agencyCode, year, year);
    }

    private static DeliveryView view(ResultSet rs) throws SQLException {
        return new DeliveryView(rs.getLong("id"), DeliveryKind.valueOf(rs.getString("kind")),
                rs.getString("agency_code"), rs.getInt("year"), Jdbc.date(rs, "due_date"), rs.getString("stage"),
                Channel.valueOf(rs.getString("channel")), rs.getString("recipient"), rs.getString("cc"),
                rs.getString("subject"), rs.getString("body"), rs.getInt("days_late"),
                DeliveryStatus.valueOf(rs.getString("status")), rs.getInt("attempts"), Jdbc.instant(rs, "run_at"),
                Jdbc.instant(rs, "sent_at"), Jdbc.instant(rs, "next_attempt_at"), rs.getString("last_error"),
                rs.getBoolean("listed"));
    }
}
