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
 * Read-side SQL. Sums come from region_total (maintained incrementally); compliance is counted on read from the
 * per-report and per-agency rows, because an agency's validity dates can change for many years at once and a count
 * over indexed rows is exact by construction. A subtree is a "C"-collated code range, so every query uses an index.
 */
@ApplicationScoped
public class StatisticsQueries {

    /** Agency {@code a} exists on 31 December of year {@code y}: obliged to file for that year. */
    static final String OBLIGED = "(%1$s.valid_from is null or %1$s.valid_from <= make_date(%2$s, 12, 31)) "
            + "and (%1$s.valid_to is null or %1$s.valid_to >= make_date(%2$s, 12, 31))";

    private static final String COMPLIANCE = """
            with rows as (
              select r.year, r.region_code, (a.code is not null and %s) as expected, r.status, r.on_time
              from report_state r left join agency a on a.code = r.agency_code
              where r.year between ? and ? and r.region_code >= ? and r.region_code < ?
              union all
              select y.year, a.region_code, true, null, null
              from agency a join generate_series(?::int, ?::int) as y(year) on %s
              where a.region_code >= ? and a.region_code < ?
                and not exists (select 1 from report_state r where r.agency_code = a.code and r.year = y.year)
            )
            select year, region_code,
              count(*) filter (where expected),
              count(*) filter (where status <> 'WITHDRAWN'),
              count(*) filter (where status <> 'WITHDRAWN' and on_time),
              count(*) filter (where status <> 'WITHDRAWN' and not on_time),
              count(*) filter (where expected and (status is null or status = 'WITHDRAWN')),
              count(*) filter (where status = 'ACCEPTED'),
              count(*) filter (where status = 'RETURNED')
            from rows group by year, region_code
            """.formatted(String.format(OBLIGED, "a", "r.year"), String.format(OBLIGED, "a", "y.year"));

    private final AgroalDataSource dataSource;
    private final CellIndex index;

    public StatisticsQueries(AgroalDataSource dataSource, CellIndex index) {
        this.dataSource = dataSource;
        this.index = index;
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
        Map<Integer, Map<String, Compliance>> out = new TreeMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(COMPLIANCE)) {
            String low = RegionChain.rangeLow(code);
            String high = RegionChain.rangeHigh(code);
            Object[] params = {fromYear, toYear, low, high, fromYear, toYear, low, high};
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
