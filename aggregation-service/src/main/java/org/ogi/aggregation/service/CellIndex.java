package org.ogi.aggregation.service;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.ogi.aggregation.domain.CellKeys;
import org.ogi.aggregation.domain.CellSums;

/**
 * Maps cell keys to positions in the numeric[] columns. The positions live in the cell_key table, not in code: keys are
 * only ever appended (at first use, under a table lock so concurrent instances agree), so an array written years ago
 * means the same today even if the report format gains cells.
 */
@ApplicationScoped
public class CellIndex {

    private static final Logger LOG = Logger.getLogger(CellIndex.class);

    private final AgroalDataSource dataSource;
    private volatile Positions positions;

    public CellIndex(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    private record Positions(Map<String, Integer> byKey, String[] keys) {
    }

    /** The cells as an array by position (1-based in SQL, 0-based here); null where the map has no value. */
    public BigDecimal[] toArray(Map<String, BigDecimal> cells) {
        Positions p = positions();
        BigDecimal[] values = new BigDecimal[p.keys().length];
        cells.forEach((key, value) -> {
            Integer at = p.byKey().get(key);
            if (at == null) {
                throw new IllegalArgumentException("no position for cell " + key);
            }
            values[at] = value;
        });
        return values;
    }

    /** Key → value for every non-null element. */
    public Map<String, BigDecimal> toMap(BigDecimal[] values) {
        String[] keys = positions().keys();
        Map<String, BigDecimal> cells = new LinkedHashMap<>();
        for (int i = 0; i < values.length && i < keys.length; i++) {
            if (values[i] != null) {
                cells.put(keys[i], values[i]);
            }
        }
        return cells;
    }

    public CellSums sums(BigDecimal[] values) {
        CellSums sums = new CellSums();
        sums.add(toMap(values));
        return sums;
    }

    /** Reads a numeric[] column (null → empty). */
    public static BigDecimal[] read(ResultSet rs, int column) throws SQLException {
        Array array = rs.getArray(column);
        return array == null ? new BigDecimal[0] : (BigDecimal[]) array.getArray();
    }

    public Array array(Connection c, BigDecimal[] values) throws SQLException {
        return c.createArrayOf("numeric", values);
    }

    private Positions positions() {
        Positions p = positions;
        if (p == null) {
            synchronized (this) {
                if (positions == null) {
                    positions = load();
                }
                p = positions;
            }
        }
        return p;
    }

    /** Loads (appending missing keys) in a transaction of its own, even when first needed inside another one. */
    private Positions load() {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection()) {
                try (Statement s = c.createStatement()) {
                    s.execute("lock table cell_key in exclusive mode");
                }
                Map<String, Integer> byKey = new HashMap<>();
                int last = 0;
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select idx, key from cell_key")) {
                    while (rs.next()) {
                        byKey.put(rs.getString(2), rs.getInt(1));
                        last = Math.max(last, rs.getInt(1));
                    }
                }
                List<String> missing = CellKeys.all().stream().filter(k -> !byKey.containsKey(k)).toList();
                if (!missing.isEmpty()) {
                    try (PreparedStatement ps = c.prepareStatement("insert into cell_key (idx, key) values (?, ?)")) {
                        for (String key : missing) {
                            byKey.put(key, ++last);
                            ps.setInt(1, last);
                            ps.setString(2, key);
                            ps.addBatch();
                        }
                        ps.executeBatch();
                    }
                    LOG.infof("Appended %d cell keys to cell_key (now %d)", missing.size(), last);
                }
                String[] keys = new String[last];
                Map<String, Integer> zeroBased = new HashMap<>();
                byKey.forEach((key, idx) -> {
                    // interned, as the JSON parser interns field names by default, so a lookup can end at the
                    // identity check
                    keys[idx - 1] = key.intern();
                    zeroBased.put(keys[idx - 1], idx - 1);
                });
                // a HashMap compares hashes before contents; Map.copyOf's table compared the long cell names (which
                // share long prefixes) byte by byte on every probe: 8% of a rebuild's decoding samples under JFR
                return new Positions(Collections.unmodifiableMap(zeroBased), keys);
            } catch (SQLException e) {
                throw new IllegalStateException("could not load the cell index: " + e.getMessage(), e);
            }
        });
    }

    void onStart(@Observes StartupEvent event) {
        positions();
    }
}
