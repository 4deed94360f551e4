package org.ogi.aggregation.service;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.ogi.aggregation.domain.RegionChain;
import org.ogi.aggregation.service.Views.AgencyRow;

/**
 * The per-agency frame of a subtree and year: every report of the year under the subtree, and a NOT_FILED line for
 * every obliged agency of the subtree without one. Paged for JSON; streamed with a cursor for CSV so a national export
 * never sits in memory.
 */
@ApplicationScoped
public class AgencyQueries {

    public static final String NOT_FILED = "NOT_FILED";

    private static final String FRAME = """
            select r.agency_code, a.name, r.region_code, a.kind, (a.code is not null and %s) as expected,
                   r.status, r.version, r.format, r.received_at, r.deadline, r.on_time, r.cells
            from report_state r left join agency a on a.code = r.agency_code
            where r.year = ? and r.region_code >= ? and r.region_code < ?
            union all
            select a.code, a.name, a.region_code, a.kind, true, null, null, null, null, null, null, null
            from agency a
            where a.region_code >= ? and a.region_code < ? and %s
              and not exists (select 1 from report_state r where r.agency_code = a.code and r.year = ?)
            """.formatted(String.format(ComplianceLedger.OBLIGED, "a", "r.year"),
            String.format(ComplianceLedger.OBLIGED, "a", "?"));

    private final AgroalDataSource dataSource;
    private final CellIndex index;

    public AgencyQueries(AgroalDataSource dataSource, CellIndex index) {
        this.dataSource = dataSource;
        this.index = index;
    }

    public long count(String region, int year) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select count(*) from (" + FRAME + ") frame")) {
            bind(ps, region, year);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One page, ordered by region code then agency code. */
    public List<AgencyRow> page(String region, int year, int page, int size) {
        List<AgencyRow> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(FRAME + " order by 3, 1 limit ? offset ?")) {
            int next = bind(ps, region, year);
            ps.setInt(next, size);
            ps.setLong(next + 1, (long) page * size);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(row(rs));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    /** Every row in order, fetched 500 at a time through a server-side cursor. */
    public void stream(String region, int year, Consumer<AgencyRow> sink) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false); // pgjdbc only uses a cursor outside autocommit
            try (PreparedStatement ps = c.prepareStatement(FRAME + " order by 3, 1")) {
                ps.setFetchSize(500);
                bind(ps, region, year);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(row(rs));
                    }
                }
            } finally {
                c.rollback();
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int bind(PreparedStatement ps, String region, int year) throws SQLException {
        String low = RegionChain.rangeLow(region);
        String high = RegionChain.rangeHigh(region);
        ps.setInt(1, year);
        ps.setString(2, low);
        ps.setString(3, high);
        ps.setString(4, low);
        ps.setString(5, high);
        ps.setInt(6, year);
        ps.setInt(7, year);
        ps.setInt(8, year);
        return 9;
    }

    private AgencyRow row(ResultSet rs) throws SQLException {
        String status = rs.getString(6);
        boolean counts = status != null && !"WITHDRAWN".equals(status);
        Timestamp received = rs.getTimestamp(9);
        LocalDate deadline = rs.getObject(10, LocalDate.class);
        Boolean onTime = status == null ? null : rs.getBoolean(11);
        Map<String, BigDecimal> cells = counts ? index.toMap(CellIndex.read(rs, 12)) : Map.of();
        return new AgencyRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5),
                status == null ? NOT_FILED : status, status == null ? null : rs.getInt(7), rs.getString(8),
                received == null ? null : received.toInstant(), deadline, onTime, cells);
    }
}
