package org.ogi.submission.fuzz;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ogi.stack.StackTestResource;

/** Row counts of every table a write can touch, read over JDBC: a refused request must leave them all unchanged. */
public final class StoredRows {

    private static final List<String> TABLES = List.of("agency", "report", "report_version", "report_review",
            "outbox_event", "narrative_signature", "narrative_band");

    private StoredRows() {
    }

    public static Map<String, Long> count() {
        var pg = StackTestResource.stack().postgres();
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("submission"), pg.username(), pg.password());
                Statement s = c.createStatement()) {
            for (String table : TABLES) {
                try (ResultSet rs = s.executeQuery("select count(*) from " + table)) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return counts;
    }
}
