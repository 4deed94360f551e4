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
 * Read-side SQL. Sums come from region_total, compliance from compliance_leaf (both maintained by the consumers), so
 * a read adds up a few rows instead of counting agencies. A subtree is a "C"-collated code range, so every query
 * uses an index.
 */
@ApplicationScoped
public class StatisticsQueries {

    private static final String COMPLIANCE = "select year, region_code, expected, filed, on_time, late, missing, "
            + "accepted, returned from compliance_leaf where year between ? and ? and region_code >= ? and region_code < ?";

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

    /** occurredAt of the newest event applied, or null before any. */
    public Instant asOf() {
        String sql = "select greatest((select max(occurred_at) from report_state), (select max(occurred_at) from agency))";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            Timestamp t = rs.getTimestamp(1);
            return t == null ? null : t.toInstant();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Compliance counts of the subtree of {@code code}, per year and per leaf region code (agency or report region). */
    public Map<Integer, Map<String, Compliance>> compliance(String code, int fromYear, int toYear) {
        years.ensure(fromYear, toYear);
        Map<Integer, Map<String, Compliance>> out = new TreeMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(COMPLIANCE)) {
            String low = RegionChain.rangeLow(code);
            String high = RegionChain.rangeHigh(code);
            Object[] params = {fromYear, toYear, low, high};
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Compliance counts = new Compliance(rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
                            rs.getLong(7), rs.getLong(8), rs.getLong(9));
                    out.computeIfAbsent(rs.getInt(1), y -> new TreeMap<>()).put(rs.getString(2), counts);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
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
        RegionLevel level = RegionCodes.level(code);
        if (level == RegionLevel.COUNTY) {
            return Map.of();
        }
        String levelFilter = switch (level) {
            case NATION -> " and region_code like '%0000'";
            case PROVINCE -> " and region_code like '%00'";
            default -> "";
        };
        String sql = "select region_code, reports, cells from region_total where year = ? "
                + "and region_code >= ? and region_code < ? and region_code <> ?" + levelFilter;
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
