package org.ogi.aggregation.service;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.ogi.aggregation.service.Views.Difference;

/**
 * Recomputes region_total from the replayed states in one pass and compares it row by row and cell by cell. Every
 * non-withdrawn replayed state is added, in exact decimal arithmetic, to each distinct code of its digit pattern (the
 * code itself, {@code xxxx00}, {@code xx0000}, {@code 000000}), written here again rather than taken from the
 * incremental code, so a bug there cannot hide by being repeated on both sides. The states arrive sorted by region
 * code ("C" collation): the codes a state adds to share a prefix with it, so each sum is complete, compared and
 * dropped as soon as the stream leaves that prefix, and only a few sums per year are ever held, whatever the size of
 * the country. (The same sums as one SQL query, unnesting every cell and grouping four times, took 29 of the 36 s of a
 * quick bench rebuild.)
 */
final class RebuiltTotals {

    private static final String STATES = "select region_code, year, cells from rebuild_report_state "
            + "where status <> 'WITHDRAWN' order by region_code, year";
    private static final String LIVE = "select t.region_code, t.year, t.reports, t.cells from region_total t "
            + "join unnest(?::text[], ?::int[]) as k(region_code, year) "
            + "on t.region_code = k.region_code collate \"C\" and t.year = k.year";
    private static final int LOOKUP = 200;

    /** The exact sum of one region subtree and year, and how many states it adds up. */
    private static final class Sum {
        final String code;
        final int year;
        BigDecimal[] cells = new BigDecimal[0];
        long reports;

        Sum(String code, int year) {
            this.code = code;
            this.year = year;
        }

        void add(BigDecimal[] values) {
            if (values.length > cells.length) {
                cells = Arrays.copyOf(cells, values.length);
            }
            for (int i = 0; i < values.length; i++) {
                if (values[i] != null) {
                    cells[i] = cells[i] == null ? values[i] : cells[i].add(values[i]);
                }
            }
            reports++;
        }
    }

    /** A difference with its place in the output order: region code, year, then cell position (reports first). */
    private record Ordered(String code, int year, int position) implements Comparable<Ordered> {
        @Override
        public int compareTo(Ordered o) {
            int byCode = code.compareTo(o.code);
            if (byCode != 0) {
                return byCode;
            }
            return year != o.year ? Integer.compare(year, o.year) : Integer.compare(position, o.position);
        }
    }

    private final Connection c;
    private final String[] cellNames;
    private final int limit;
    private final Map<String, Map<Integer, Sum>> open = new LinkedHashMap<>();
    private final List<Sum> complete = new ArrayList<>();
    private final Set<String> rebuiltRows = new HashSet<>();
    private final TreeMap<Ordered, Difference> cellDifferences = new TreeMap<>();
    private final TreeMap<Ordered, Difference> countDifferences = new TreeMap<>();
    private long cellCount;
    private long countCount;

    private RebuiltTotals(Connection c, String[] cellNames, int limit) {
        this.c = c;
        this.cellNames = cellNames;
        this.limit = limit;
    }

    /** What differs: cells first, then report counts, each the first {@code limit} in order, and how many in all. */
    record Result(long count, List<Difference> cells, List<Difference> reports) {
    }

    static Result compare(Connection c, int limit) throws SQLException {
        RebuiltTotals totals = new RebuiltTotals(c, cellNames(c), limit);
        totals.run();
        return new Result(totals.cellCount + totals.countCount, List.copyOf(totals.cellDifferences.values()),
                List.copyOf(totals.countDifferences.values()));
    }

    private void run() throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(STATES)) {
            ps.setFetchSize(500);
            try (ResultSet rs = ps.executeQuery()) {
                String previous = "";
                while (rs.next()) {
                    String region = rs.getString(1);
                    if (region.compareTo(previous) < 0) {
                        throw new IllegalStateException("replayed states not in region order: " + region + " after "
                                + previous);
                    }
                    previous = region;
                    closeAllBut(region);
                    int year = rs.getInt(2);
                    BigDecimal[] cells = NumericArrayText.parse(rs.getString(3));
                    for (String code : pattern(region)) {
                        open.computeIfAbsent(code, k -> new TreeMap<>()).computeIfAbsent(year, y -> new Sum(code, y))
                                .add(cells);
                    }
                }
            }
        }
        closeAllBut(null);
        flush();
        compareLiveOnly();
    }

    /** The distinct codes a state of {@code region} adds to, by digit pattern alone. */
    static List<String> pattern(String region) {
        List<String> codes = new ArrayList<>(4);
        for (String code : List.of(region, region.substring(0, 4) + "00", region.substring(0, 2) + "0000", "000000")) {
            if (!codes.contains(code)) {
                codes.add(code);
            }
        }
        return codes;
    }

    /** Every state adding to {@code code} has a region code starting with this (all of them for 000000). */
    static String prefix(String code) {
        if (code.equals("000000")) {
            return "";
        }
        if (code.endsWith("0000")) {
            return code.substring(0, 2);
        }
        return code.endsWith("00") ? code.substring(0, 4) : code;
    }

    /** Completes every open sum that no state from {@code region} on can add to (all of them when null). */
    private void closeAllBut(String region) throws SQLException {
        Iterator<Map.Entry<String, Map<Integer, Sum>>> it = open.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Map<Integer, Sum>> e = it.next();
            if (region == null || !region.startsWith(prefix(e.getKey()))) {
                for (Sum sum : e.getValue().values()) {
                    complete.add(sum);
                    if (complete.size() >= LOOKUP) {
                        flush();
                    }
                }
                it.remove();
            }
        }
    }

    /** Compares the completed sums with their region_total rows (absent rows count as zero). */
    private void flush() throws SQLException {
        if (complete.isEmpty()) {
            return;
        }
        Map<String, Sum> byRow = new LinkedHashMap<>();
        for (Sum s : complete) {
            byRow.put(s.code + "/" + s.year, s);
        }
        complete.clear();
        rebuiltRows.addAll(byRow.keySet());
        try (PreparedStatement ps = c.prepareStatement(LIVE)) {
            ps.setArray(1, c.createArrayOf("text", byRow.values().stream().map(s -> s.code).toArray()));
            ps.setArray(2, c.createArrayOf("int4", byRow.values().stream().map(s -> s.year).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Sum rebuilt = byRow.remove(rs.getString(1) + "/" + rs.getInt(2));
                    compare(rebuilt.code, rebuilt.year, rs.getLong(3), NumericArrayText.parse(rs.getString(4)), rebuilt);
                }
            }
        }
        for (Sum rebuilt : byRow.values()) {
            compare(rebuilt.code, rebuilt.year, 0, new BigDecimal[0], rebuilt);
        }
    }

    /** region_total rows for which no replayed state exists: each of their non-zero figures is a difference. */
    private void compareLiveOnly() throws SQLException {
        List<Sum> liveOnly = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select region_code, year from region_total")) {
            while (rs.next()) {
                if (!rebuiltRows.contains(rs.getString(1) + "/" + rs.getInt(2))) {
                    liveOnly.add(new Sum(rs.getString(1), rs.getInt(2)));
                }
            }
        }
        for (Sum empty : liveOnly) {
            complete.add(empty);
            if (complete.size() >= LOOKUP) {
                flush();
            }
        }
        flush();
    }

    private void compare(String code, int year, long liveReports, BigDecimal[] live, Sum rebuilt) {
        if (liveReports != rebuilt.reports) {
            countCount++;
            keep(countDifferences, new Ordered(code, year, 0), new Difference("region_total", code + "/" + year,
                    "reports", String.valueOf(liveReports), String.valueOf(rebuilt.reports)));
        }
        int n = Math.max(live.length, rebuilt.cells.length);
        for (int i = 0; i < n; i++) {
            BigDecimal l = i < live.length && live[i] != null ? live[i] : BigDecimal.ZERO;
            BigDecimal r = i < rebuilt.cells.length && rebuilt.cells[i] != null ? rebuilt.cells[i] : BigDecimal.ZERO;
            if (l.compareTo(r) != 0) {
                cellCount++;
                String name = i < cellNames.length && cellNames[i] != null ? cellNames[i] : "#" + (i + 1);
                keep(cellDifferences, new Ordered(code, year, i + 1), new Difference("region_total",
                        code + "/" + year, name, l.toPlainString(), r.toPlainString()));
            }
        }
    }

    private void keep(TreeMap<Ordered, Difference> kept, Ordered at, Difference d) {
        kept.put(at, d);
        if (kept.size() > limit) {
            kept.pollLastEntry();
        }
    }

    /** Cell names by 0-based position, from cell_key (the positions of the cells arrays). */
    private static String[] cellNames(Connection c) throws SQLException {
        TreeMap<Integer, String> byIdx = new TreeMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select idx, key from cell_key")) {
            while (rs.next()) {
                byIdx.put(rs.getInt(1), rs.getString(2));
            }
        }
        String[] names = new String[byIdx.isEmpty() ? 0 : byIdx.lastKey()];
        byIdx.forEach((idx, key) -> names[idx - 1] = key);
        return names;
    }
}
