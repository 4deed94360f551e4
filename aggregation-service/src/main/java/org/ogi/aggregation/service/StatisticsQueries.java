package org.ogi.aggregation.service;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.ogi.aggregation.domain.CellSums;
import org.ogi.aggregation.domain.Compliance;
import org.ogi.aggregation.domain.RegionChain;
import org.ogi.format.RegionCodes;
import org.ogi.format.RegionLevel;

/**
 * Read-side SQL. Sums come from region_total, compliance from compliance_total (both kept by the consumers for every
 * region and year), so a region's figures are one row and its children's one row each. A subtree is a "C"-collated code range, so every query
 * uses an index.
 */
@ApplicationScoped
public class StatisticsQueries {

    private final AgroalDataSource dataSource;
    private final CellIndex index;
    private final ComplianceYears years;

    public StatisticsQueries(AgroalDataSource dataSource, CellIndex index, ComplianceYears years) {
        this.dataSource = dataSource;
        this.index = index;
        this.years = years;
    }

    /** Sums and contributing-report count of one (region, year) row; zeros when there is none. */
    public record Total(long reports, CellSums cells) {
        static Total none() {
            return new Total(0, new CellSums());
        }
    }

    /** True for the nation and for any code that is, or lies above, the region of an agency or report seen. */
    public boolean seen(String code) {
        if (RegionCodes.NATION.equals(code)) {
            return true;
        }
        String sql = "select exists (select 1 from agency where region_code >= ? and region_code < ?) "
                + "or exists (select 1 from report_state where region_code >= ? and region_code < ?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            String low = RegionChain.rangeLow(code);
            String high = RegionChain.rangeHigh(code);
            ps.setString(1, low);
            ps.setString(2, high);
            ps.setString(3, low);
            ps.setString(4, high);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** occurredAt of the newest event applied (null before any), as an SQL expression. */
    private static final String AS_OF =
            "greatest((select max(occurred_at) from report_state), (select max(occurred_at) from agency))";

    /** occurredAt of the newest event applied, or null before any. */
    public Instant asOf() {
        String sql = "select " + AS_OF;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            Timestamp t = rs.getTimestamp(1);
            return t == null ? null : t.toInstant();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One region's year as a dashboard reads it most: sums, compliance and the time of the newest event. */
    public record RegionYear(Total total, Compliance compliance, Instant asOf, String rows) {
    }

    /**
     * {@link #total}, {@link #compliance} and {@link #asOf} in one statement: the national figure is the most read of
     * all, and three round trips were most of its cost.
     */
    public RegionYear regionYear(String code, int year) {
        years.ensure(year, year);
        String sql = "select t.reports, t.cells, c.region_code, " + prefixed("c.", ComplianceLedger.COLUMNS)
                + ", " + AS_OF + ", " + STAMPS + REGION_YEAR_ROWS;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = regionYearStatement(c, sql, code, year);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            Total total = rs.getObject(2) == null ? Total.none()
                    : new Total(rs.getLong(1), index.sums(CellIndex.read(rs, 2)));
            Compliance compliance = rs.getString(3) == null ? Compliance.NONE : ComplianceLedger.read(rs, 4);
            return new RegionYear(total, compliance, instant(rs.getTimestamp(11)), stamp(rs, 12));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * What a region's year would answer as of now, without reading it: the row versions (PostgreSQL's xmin, new at
     * every update of the row, whichever instance made it) of its sums and its compliance, and the as-of time.
     */
    public Stamp stamp(String code, int year) {
        years.ensure(year, year);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = regionYearStatement(c, "select " + AS_OF + ", " + STAMPS + REGION_YEAR_ROWS, code, year);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new Stamp(stamp(rs, 2), instant(rs.getTimestamp(1)));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Row versions of a region's year; equal only if neither row was written in between. */
    public record Stamp(String rows, Instant asOf) {
    }

    private static final String STAMPS = "coalesce(t.xmin::text, '-') || '/' || coalesce(c.xmin::text, '-')";
    private static final String REGION_YEAR_ROWS = " from (values (1)) as one (x)"
            + " left join region_total t on t.region_code = ? and t.year = ?"
            + " left join compliance_total c on c.region_code = ? and c.year = ?";

    private static PreparedStatement regionYearStatement(Connection c, String sql, String code, int year)
            throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        ps.setString(1, code);
        ps.setInt(2, year);
        ps.setString(3, code);
        ps.setInt(4, year);
        return ps;
    }

    private static String stamp(ResultSet rs, int column) throws SQLException {
        String rows = rs.getString(column);
        return rows == null ? "none" : rows;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static String prefixed(String prefix, String columns) {
        return prefix + String.join(", " + prefix, columns.split(",\\s*"));
    }

    /** Compliance counts of the subtree of {@code code} per year (absent years have none). */
    public Map<Integer, Compliance> compliance(String code, int fromYear, int toYear) {
        years.ensure(fromYear, toYear);
        String sql = "select year, " + ComplianceLedger.COLUMNS + " from compliance_total where region_code = ? "
                + "and year between ? and ?";
        Map<Integer, Compliance> out = new TreeMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, code);
            ps.setInt(2, fromYear);
            ps.setInt(3, toYear);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getInt(1), ComplianceLedger.read(rs, 2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** Compliance of the children of {@code code} (one level down) that have any agency or report in the year. */
    public Map<String, Compliance> childCompliance(String code, int year) {
        years.ensure(year, year);
        Map<String, Compliance> out = new TreeMap<>();
        if (RegionCodes.level(code) == RegionLevel.COUNTY) {
            return out;
        }
        String sql = "select region_code, " + ComplianceLedger.COLUMNS + " from compliance_total where year = ? "
                + "and region_code >= ? and region_code < ? and region_code <> ?" + childLevel(code)
                + " and (expected <> 0 or filed <> 0 or missing <> 0 or accepted <> 0 or returned <> 0)";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, year);
            ps.setString(2, RegionChain.rangeLow(code));
            ps.setString(3, RegionChain.rangeHigh(code));
            ps.setString(4, code);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), ComplianceLedger.read(rs, 2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** The rows one level below {@code code} among a subtree's rows (every level has its own row). */
    private static String childLevel(String code) {
        return switch (RegionCodes.level(code)) {
            case NATION -> " and region_code like '%0000'";
            case PROVINCE -> " and region_code like '%00'";
            default -> "";
        };
    }

    /** The region's own (region, year) rows for a span of years. */
    public Map<Integer, Total> totals(String code, int fromYear, int toYear) {
        String sql = "select year, reports, cells from region_total where region_code = ? and year between ? and ?";
        Map<Integer, Total> out = new HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, code);
            ps.setInt(2, fromYear);
            ps.setInt(3, toYear);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getInt(1), new Total(rs.getLong(2), index.sums(CellIndex.read(rs, 3))));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    public Total total(String code, int year) {
        return totals(code, year, year).getOrDefault(year, Total.none());
    }

    /** The rows of the children of {@code code} (one level down) that have sums for the year. */
    public Map<String, Total> childTotals(String code, int year) {
        if (RegionCodes.level(code) == RegionLevel.COUNTY) {
            return Map.of();
        }
        String sql = "select region_code, reports, cells from region_total where year = ? "
                + "and region_code >= ? and region_code < ? and region_code <> ?" + childLevel(code);
        Map<String, Total> out = new TreeMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, year);
            ps.setString(2, RegionChain.rangeLow(code));
            ps.setString(3, RegionChain.rangeHigh(code));
            ps.setString(4, code);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new Total(rs.getLong(2), index.sums(CellIndex.read(rs, 3))));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
