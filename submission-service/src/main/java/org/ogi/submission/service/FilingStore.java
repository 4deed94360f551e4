package org.ogi.submission.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import javax.sql.DataSource;
import org.ogi.format.AgencyKind;
import org.ogi.format.ReportStatus;

/**
 * The filing path's reads and writes in plain JDBC, in as few round trips as the rules allow, because at the national
 * peak every filing pays for them (Hibernate's entity lifecycle was a sixth of a filing's CPU). Four statements: the
 * agency with the report's lock, the current and last year's versions, the near-duplicate lookup (in
 * {@link NearDuplicates}), and one statement that writes the report, the version, its signature and its bands. It runs
 * on the connection of the caller's transaction: Agroal hands Hibernate and this class the same one.
 */
@ApplicationScoped
class FilingStore {

    private final DataSource dataSource;

    FilingStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** What filing needs of the registry. */
    record AgencyRow(String code, String name, String regionCode, AgencyKind kind, LocalDate validFrom, LocalDate validTo) {

        /** Whether the agency existed at some point of the report year (created or retired mid-year still files). */
        boolean activeDuring(int year) {
            return (validFrom == null || validFrom.getYear() <= year) && (validTo == null || validTo.getYear() >= year);
        }

        String period() {
            return (validFrom == null ? "" : validFrom + "起") + (validTo == null ? "" : "至" + validTo);
        }
    }

    /** A report's row with its current version (the body only where the caller needs it). */
    record Current(long id, String regionCode, int version, long revision, ReportStatus status, Instant firstReceivedAt,
            LocalDate deadline, boolean onTime, String reviewedBy, Instant reviewedAt, String reviewComment, String format,
            String bodyHash, String findings, Instant receivedAt, String filedBy) {
    }

    /** This year's report (locked for the filing transaction) and last year's current body when it counts. */
    record Snapshot(Optional<Current> current, Optional<String> previousBody) {
    }

    /** The agency; with {@code lockYear} also serialises filings of its report for that year (a transaction lock). */
    Optional<AgencyRow> agency(String code, Integer lockYear) {
        String sql = "select code, name, region_code, kind, valid_from, valid_to"
                + (lockYear == null ? "" : ", pg_advisory_xact_lock(hashtext(?))") + " from agency where code = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (lockYear != null) {
                ps.setString(i++, lockKey(code, lockYear));
            }
            ps.setString(i, code);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new AgencyRow(rs.getString(1).trim(), rs.getString(2), rs.getString(3).trim(),
                        AgencyKind.valueOf(rs.getString(4)), localDate(rs.getDate(5)), localDate(rs.getDate(6))));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading agency " + code + " failed", e);
        }
    }

    /** The key shared with every path that changes a report of (agency, year). */
    static String lockKey(String agencyCode, int year) {
        return agencyCode + ":" + year;
    }

    /**
     * The report of {@code year} (row-locked, so a review deciding on it at the same moment goes first or waits) and the
     * current body of the year before unless withdrawn, for the cross-year rules.
     */
    Snapshot snapshot(String agencyCode, int year, boolean forUpdate) {
        String sql = "select r.year, r.id, r.region_code, r.current_version, r.revision, r.status, r.first_received_at,"
                + " r.deadline, r.on_time, r.reviewed_by, r.reviewed_at, r.review_comment, v.format, v.body_hash,"
                + " v.findings, v.received_at, v.filed_by,"
                + " case when r.year = ? and r.status <> 'WITHDRAWN' then v.body end"
                + " from report r join report_version v on v.report_id = r.id and v.version = r.current_version"
                + " where r.agency_code = ? and r.year in (?, ?)" + (forUpdate ? " for update of r" : "");
        Current current = null;
        String previous = null;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, year - 1);
            ps.setString(2, agencyCode);
            ps.setInt(3, year);
            ps.setInt(4, year - 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getInt(1) != year) {
                        previous = rs.getString(18);
                        continue;
                    }
                    current = new Current(rs.getLong(2), rs.getString(3).trim(), rs.getInt(4), rs.getLong(5),
                            ReportStatus.valueOf(rs.getString(6)), instant(rs.getTimestamp(7)), localDate(rs.getDate(8)),
                            rs.getBoolean(9), rs.getString(10), instant(rs.getTimestamp(11)), rs.getString(12),
                            rs.getString(13), rs.getString(14).trim(), rs.getString(15), instant(rs.getTimestamp(16)),
                            rs.getString(17));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the report of " + agencyCode + " for " + year + " failed", e);
        }
        return new Snapshot(Optional.ofNullable(current), Optional.ofNullable(previous));
    }

    /** A new version as it is written. */
    record NewVersion(int version, long revision, String format, String body, String bodyHash, String findings,
            Instant receivedAt, String filedBy, byte[] signature, Long[] bandKeys) {
    }

    /** A first filing: the report row, then as for an amendment; returns the report's id. */
    long insertFirst(String agencyCode, int year, String regionCode, LocalDate deadline, boolean onTime, NewVersion v) {
        String report = "insert into report (agency_code, year, region_code, status, current_version, revision,"
                + " first_received_at, on_time, deadline) values (?, ?, ?, 'SUBMITTED', ?, ?, ?, ?, ?) returning id";
        return write(report, v, agencyCode, year, ps -> {
            ps.setString(1, agencyCode);
            ps.setInt(2, year);
            ps.setString(3, regionCode);
            ps.setInt(4, v.version());
            ps.setLong(5, v.revision());
            ps.setTimestamp(6, Timestamp.from(v.receivedAt()));
            ps.setBoolean(7, onTime);
            ps.setDate(8, Date.valueOf(deadline));
            return 9;
        });
    }

    /** An amendment: the report reopened (SUBMITTED, review cleared) at the new version. */
    void insertAmendment(long reportId, String agencyCode, int year, NewVersion v) {
        String report = "update report set status = 'SUBMITTED', current_version = ?, revision = ?, reviewed_by = null,"
                + " reviewed_at = null, review_comment = null where id = ? returning id";
        write(report, v, agencyCode, year, ps -> {
            ps.setInt(1, v.version());
            ps.setLong(2, v.revision());
            ps.setLong(3, reportId);
            return 4;
        });
    }

    private interface ReportParameters {
        int set(PreparedStatement ps) throws SQLException; // returns the next parameter index
    }

    /**
     * One statement for every row of a filing: data-modifying CTEs all run to completion, and the foreign keys are
     * checked at its end, when the report row they point to exists.
     */
    private long write(String reportStatement, NewVersion v, String agencyCode, int year, ReportParameters reportParameters) {
        boolean signed = v.signature() != null;
        String sql = "with r as (" + reportStatement + "),"
                + " v as (insert into report_version (report_id, version, format, body, body_hash, findings, received_at,"
                + " filed_by) select id, ?, ?, ?, ?, ?, ?, ? from r returning report_id, version)"
                + (signed ? ", s as (insert into narrative_signature (report_id, version, agency_code, year, signature)"
                        + " select report_id, version, ?, ?, ? from v returning report_id, version, year),"
                        + " b as (insert into narrative_band (year, band_key, report_id, version)"
                        + " select s.year, k, s.report_id, s.version from s, unnest(?) as k)" : "")
                + " select id from r";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = reportParameters.set(ps);
            ps.setInt(i++, v.version());
            ps.setString(i++, v.format());
            ps.setString(i++, v.body());
            ps.setString(i++, v.bodyHash());
            ps.setString(i++, v.findings());
            ps.setTimestamp(i++, Timestamp.from(v.receivedAt()));
            ps.setString(i++, v.filedBy());
            if (signed) {
                ps.setString(i++, agencyCode);
                ps.setInt(i++, year);
                ps.setBytes(i++, v.signature());
                ps.setArray(i, c.createArrayOf("bigint", v.bandKeys()));
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("the report of " + agencyCode + " for " + year + " was not written");
                }
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("writing the report of " + agencyCode + " for " + year + " failed", e);
        }
    }

    private static LocalDate localDate(Date d) {
        return d == null ? null : d.toLocalDate();
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
