package org.ogi.notification.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Plain JDBC with the few conveniences this service needs. Plain SQL because the guarantees live in SQL (ON CONFLICT
 * claims, FOR UPDATE SKIP LOCKED retries, revision guards); connections join the caller's JTA transaction.
 */
@ApplicationScoped
public class Jdbc {

    private final DataSource dataSource;

    public Jdbc(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Array parameters, bound as PostgreSQL arrays of the given element type ("text", "int4", "date"). */
    public record SqlArray(String type, Object[] values) {
    }

    public int update(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(c, ps, params);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException(sql, e);
        }
    }

    /**
     * One statement, many parameter rows, sent to the server together (one round trip for the whole batch rather than
     * one a row); returns each row's update count, in order.
     */
    public int[] batch(String sql, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return new int[0];
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (Object[] row : rows) {
                bind(c, ps, row);
                ps.addBatch();
            }
            return ps.executeBatch();
        } catch (SQLException e) {
            throw new DataAccessException(sql, e.getNextException() != null ? e.getNextException() : e);
        } catch (AssertionError e) {
            // the driver (42.7) reports a connection lost in the middle of a batch as an AssertionError from its result
            // handler; it is a connection failure like any other, to be retried, not an Error that kills the consumer
            throw new DataAccessException(sql, new SQLException("connection lost during a batch: " + e.getMessage(),
                    "08006", e));
        }
    }

    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(c, ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
                return out;
            }
        } catch (SQLException e) {
            throw new DataAccessException(sql, e);
        }
    }

    private static void bind(Connection c, PreparedStatement ps, Object[] params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            int index = i + 1;
            if (p == null) {
                ps.setNull(index, Types.NULL);
            } else if (p instanceof Instant instant) {
                ps.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
            } else if (p instanceof Enum<?> e) {
                ps.setString(index, e.name());
            } else if (p instanceof SqlArray array) {
                ps.setArray(index, c.createArrayOf(array.type(), array.values()));
            } else {
                ps.setObject(index, p);
            }
        }
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    public static java.time.LocalDate date(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, java.time.LocalDate.class);
    }

    /** A failed statement, with the SQL (no values) for the log; the SQLException stays the cause. */
    public static class DataAccessException extends RuntimeException {
        public DataAccessException(String sql, SQLException cause) {
            super(cause.getMessage() + " [" + sql.strip().lines().findFirst().orElse(sql) + "]", cause);
        }
    }
}
