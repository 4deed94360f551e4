package org.ogi.notification.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.ogi.format.AgencyKind;
import org.ogi.format.Deadlines;
import org.ogi.format.ReportStatus;
import org.ogi.notification.ChaseConfig;
import org.ogi.notification.domain.Contact;
import org.ogi.notification.domain.Obligation;

/**
 * Obligations are derived on read from the agency registry and the report states rather than stored: an agency's
 * validity dates or kind can change at any time, and a join over indexed rows is then right by construction. An agency
 * owes the report of a year when it exists on 31 December of that year (as the aggregation service counts "expected").
 */
@ApplicationScoped
public class ObligationQueries {

    private static final String UNMET = """
            select a.code, a.name, a.region_code, a.kind, a.contact_email, a.webhook_url, a.supervisor_code,
                   s.name as s_name, s.contact_email as s_email, s.webhook_url as s_webhook,
                   y.year, r.status, r.revision, r.review_comment, r.reviewed_at, r.occurred_at as r_occurred
            from agency a
            join unnest(?::int[]) as y(year)
              on (a.valid_from is null or a.valid_from <= make_date(y.year, 12, 31))
             and (a.valid_to is null or a.valid_to >= make_date(y.year, 12, 31))
            left join agency s on s.code = a.supervisor_code
            left join report r on r.agency_code = a.code and r.year = y.year
            where (r.status is null or r.status not in ('SUBMITTED', 'ACCEPTED'))
              and a.region_code like ?
            order by a.code, y.year
            """;

    private final Jdbc jdbc;
    private final ChaseConfig config;

    public ObligationQueries(Jdbc jdbc, ChaseConfig config) {
        this.jdbc = jdbc;
        this.config = config;
    }

    /** Unmet obligations of the given years for agencies whose region starts with {@code regionPrefix} ("" = all). */
    public List<Obligation> unmet(List<Integer> years, String regionPrefix) {
        return jdbc.query(UNMET, this::obligation, new Jdbc.SqlArray("int4", years.toArray()), regionPrefix + "%");
    }

    private Obligation obligation(ResultSet rs) throws SQLException {
        AgencyKind kind = AgencyKind.valueOf(rs.getString("kind"));
        int year = rs.getInt("year");
        String status = rs.getString("status");
        ReportStatus reportStatus = status == null ? null : ReportStatus.valueOf(status);
        Instant returnedAt = null;
        if (reportStatus == ReportStatus.RETURNED) {
            Instant reviewed = Jdbc.instant(rs, "reviewed_at");
            returnedAt = reviewed != null ? reviewed : Jdbc.instant(rs, "r_occurred");
        }
        String supervisorCode = rs.getString("supervisor_code");
        String supervisorName = rs.getString("s_name");
        Contact supervisor = supervisorName == null ? null
                : new Contact(supervisorCode, supervisorName, rs.getString("s_email"), rs.getString("s_webhook"));
        return new Obligation(
                new Contact(rs.getString("code"), rs.getString("name"), rs.getString("contact_email"),
                        rs.getString("webhook_url")),
                rs.getString("region_code"), kind, supervisorCode, supervisor, year,
                Deadlines.deadline(year, kind, config.townshipDeadline()), reportStatus, rs.getLong("revision"),
                rs.getString("review_comment"), returnedAt);
    }

    /** The region of a known agency, for access checks. */
    public java.util.Optional<String> regionOf(String agencyCode) {
        return jdbc.query("select region_code from agency where code = ?", rs -> rs.getString(1), agencyCode)
                .stream().findFirst();
    }

    /** Whether the report of (agency, year) is currently filed and not withdrawn or returned. */
    public boolean met(String agencyCode, int year) {
        return jdbc.query("select status from report where agency_code = ? and year = ?",
                rs -> Obligation.meets(ReportStatus.valueOf(rs.getString(1))), agencyCode, year)
                .stream().findFirst().orElse(false);
    }
}
