package org.ogi.aggregation.service;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.ogi.aggregation.domain.RegionChain;
import org.ogi.aggregation.service.Views.MissingAgency;
import org.ogi.format.AgencyKind;
import org.ogi.format.Deadlines;
import org.ogi.format.RegionNames;

/**
 * The obliged agencies of a subtree without a filed report for a year, the same rows compliance counts as missing: an
 * obliged agency with no report, or whose report (counted at the report's region) is withdrawn. Most overdue first: the
 * deadline depends only on the kind and the year, so the database sorts by a CASE over the kinds' deadlines.
 */
@ApplicationScoped
public class MissingQueries {

    private static final String ROWS = """
            select a.code, a.name, a.region_code, a.kind, null as status
            from agency a
            where a.region_code >= ? and a.region_code < ? and %1$s
              and not exists (select 1 from report_state r where r.agency_code = a.code and r.year = ?)
            union all
            select a.code, a.name, r.region_code, a.kind, r.status
            from report_state r join agency a on a.code = r.agency_code
            where r.year = ? and r.region_code >= ? and r.region_code < ? and r.status = 'WITHDRAWN' and %1$s
            """.formatted(String.format(ComplianceLedger.OBLIGED, "a", "?"));

    private final AgroalDataSource dataSource;

    public MissingQueries(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public long count(String region, int year) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select count(*) from (" + ROWS + ") m")) {
            bind(ps, region, year);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One page, earliest deadline first (agencies without a kind last), then by region and code. */
    public List<MissingAgency> page(String region, int year, LocalDate today, MonthDay townshipDeadline, int page,
            int size) {
        AgencyKind[] kinds = AgencyKind.values();
        StringBuilder byDeadline = new StringBuilder("case m.kind");
        for (int i = 0; i < kinds.length; i++) {
            byDeadline.append(" when ? then ?::date");
        }
        String sql = "select * from (" + ROWS + ") m order by " + byDeadline + " end nulls last, "
                + "m.region_code, m.code limit ? offset ?";
        List<MissingAgency> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int next = bind(ps, region, year);
            for (AgencyKind kind : kinds) {
                ps.setString(next++, kind.name());
                ps.setObject(next++, Deadlines.deadline(year, kind, townshipDeadline));
            }
            ps.setInt(next, size);
            ps.setLong(next + 1, (long) page * size);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String kind = rs.getString(4);
                    LocalDate deadline = kind == null ? null
                            : Deadlines.deadline(year, AgencyKind.valueOf(kind), townshipDeadline);
                    Long daysLate = deadline == null ? null
                            : Math.max(0, ChronoUnit.DAYS.between(deadline, today));
                    String regionCode = rs.getString(3);
                    String status = rs.getString(5);
                    rows.add(new MissingAgency(rs.getString(1), rs.getString(2), regionCode,
                            RegionNames.of(regionCode).orElse(null), kind,
                            status == null ? AgencyQueries.NOT_FILED : status, deadline, daysLate));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    private static int bind(PreparedStatement ps, String region, int year) throws SQLException {
        String low = RegionChain.rangeLow(region);
        String high = RegionChain.rangeHigh(region);
        ps.setString(1, low);
        ps.setString(2, high);
        ps.setInt(3, year);
        ps.setInt(4, year);
        ps.setInt(5, year);
        ps.setInt(6, year);
        ps.setString(7, low);
        ps.setString(8, high);
        ps.setInt(9, year);
        ps.setInt(10, year);
        return 11;
    }
}
