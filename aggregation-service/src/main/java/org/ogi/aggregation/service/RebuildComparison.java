package org.ogi.aggregation.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;
import org.ogi.aggregation.service.Views.Difference;

/**
 * Compares the incremental tables with the replayed scratch tables. The replayed sums are not produced by the
 * incremental code: region sums are added up again from the replayed final states by {@link RebuiltTotals}, and
 * compliance is counted set-wise in SQL from the replayed agencies and states by its definition, both rolled up by
 * code pattern, so a bug in the incremental arithmetic cannot hide by being repeated on both sides.
 */
final class RebuildComparison {

    static final int LIMIT = 100;
    private static final Logger LOG = Logger.getLogger(RebuildComparison.class);

    /**
     * County, prefecture, province, nation of a code, by digit pattern; a code equal to the one before it is null (the
     * callers drop nulls), which leaves each distinct code once without sorting (as RebuiltTotals.pattern).
     */
    private static final String CHAIN = "array[%1$s, nullif(substr(%1$s, 1, 4) || '00', %1$s), "
            + "nullif(substr(%1$s, 1, 2) || '0000', substr(%1$s, 1, 4) || '00'), "
            + "nullif('000000', substr(%1$s, 1, 2) || '0000')]";

    /** Compliance from the replayed agencies and states, by the definition itself, rolled up by code pattern. */
    private static final String COMPLIANCE = """
            with rows as (
              select r.year, r.region_code, (a.code is not null and %1$s) as expected, r.status, r.on_time
              from rebuild_report_state r left join rebuild_agency a on a.code = r.agency_code
              where r.year between ? and ?
              union all
              select y.year, a.region_code, true, null, null
              from rebuild_agency a join generate_series(?::int, ?::int) as y(year) on %2$s
              where not exists (select 1 from rebuild_report_state r where r.agency_code = a.code and r.year = y.year)
            ), leaf as (
              select year, region_code, %5$s
              from rows group by 1, 2
            ), rebuilt as (
              select x.code as region_code, l.year, sum(expected) as expected, sum(filed) as filed,
                sum(on_time) as on_time, sum(late) as late, sum(missing) as missing, sum(accepted) as accepted,
                sum(returned) as returned
              from leaf l cross join lateral unnest(%3$s) as x(code)
              where x.code is not null
              group by 1, 2
            ), live as (
              select * from compliance_total where year between ? and ?
            ), both_sides as (
              select coalesce(live.region_code, rebuilt.region_code) as region_code,
                     coalesce(live.year, rebuilt.year) as year,
                     array[live.expected, live.filed, live.on_time, live.late, live.missing, live.accepted,
                           live.returned]::bigint[] as live,
                     array[rebuilt.expected, rebuilt.filed, rebuilt.on_time, rebuilt.late, rebuilt.missing,
                           rebuilt.accepted, rebuilt.returned]::bigint[] as rebuilt
              from live full join rebuilt on live.region_code = rebuilt.region_code and live.year = rebuilt.year
            ), differing as (
              select b.region_code, b.year, f.name, coalesce(b.live[f.n], 0) as live, coalesce(b.rebuilt[f.n], 0) as rebuilt
              from both_sides b cross join unnest(array['expected', 'filed', 'onTime', 'late', 'missing', 'accepted',
                'returned']) with ordinality as f(name, n)
              where coalesce(b.live[f.n], 0) <> coalesce(b.rebuilt[f.n], 0)
            )
            select region_code, year, name, live::text, rebuilt::text, count(*) over ()
            from differing order by 1, 2, 3 limit %4$d
            """.formatted(String.format(ComplianceLedger.OBLIGED, "a", "r.year"),
            String.format(ComplianceLedger.OBLIGED, "a", "y.year"), CHAIN.formatted("l.region_code"), LIMIT,
            ComplianceLedger.COUNTS);

    private static final String[] REPORT_FIELDS =
            {"revision", "version", "status", "format", "region_code", "received_at", "deadline", "on_time", "cells"};
    private static final String[] AGENCY_FIELDS = {"name", "region_code", "kind", "valid_from", "valid_to"};

    private RebuildComparison() {
    }

    /** The first {@link #LIMIT} differences of every kind, and how many there are in all; compliance over the years given. */
    static Result compare(Connection c, int firstYear, int lastYear) throws SQLException {
        List<Difference> found = new ArrayList<>();
        long total = 0;
        long t0 = System.nanoTime();
        RebuiltTotals.Result totals = RebuiltTotals.compare(c, LIMIT);
        found.addAll(totals.cells());
        found.addAll(totals.reports());
        total += totals.count();
        long t2 = System.nanoTime();
        try (PreparedStatement ps = c.prepareStatement(COMPLIANCE)) {
            int[] years = {firstYear, lastYear, firstYear, lastYear, firstYear, lastYear};
            for (int i = 0; i < years.length; i++) {
                ps.setInt(i + 1, years[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                long compliance = 0;
                while (rs.next()) {
                    compliance = rs.getLong(6);
                    found.add(new Difference("compliance_total", rs.getString(1) + "/" + rs.getInt(2), rs.getString(3),
                            rs.getString(4), rs.getString(5)));
                }
                total += compliance;
            }
        }
        long t3 = System.nanoTime();
        total += rows(c, "report_state", "agency_code || ':' || year", "agency_code, year", REPORT_FIELDS, found);
        long t4 = System.nanoTime();
        total += rows(c, "agency", "code", "code", AGENCY_FIELDS, found);
        LOG.infof("Rebuild comparison: region totals %d ms, compliance %d ms, report states %d ms, agencies %d ms",
                (t2 - t0) / 1_000_000,
                (t3 - t2) / 1_000_000, (t4 - t3) / 1_000_000, (System.nanoTime() - t4) / 1_000_000);
        return new Result(total, found.size() > LIMIT ? List.copyOf(found.subList(0, LIMIT)) : List.copyOf(found));
    }

    record Result(long count, List<Difference> differences) {
    }

    /** Row-by-row comparison of a table with its rebuild_ twin over {@code fields}; a missing row is "absent". */
    private static long rows(Connection c, String table, String keyExpr, String joinColumns, String[] fields,
            List<Difference> found) throws SQLException {
        StringBuilder select = new StringBuilder("select coalesce(i.k, r.k), i.k is not null, r.k is not null");
        StringBuilder differs = new StringBuilder("i.k is null or r.k is null");
        for (String f : fields) {
            select.append(", i.").append(f).append("::text, r.").append(f).append("::text");
            differs.append(" or i.").append(f).append(" is distinct from r.").append(f);
        }
        String sql = select + ", count(*) over () from (select *, " + keyExpr + " as k from " + table + ") i "
                + "full join (select *, " + keyExpr + " as k from rebuild_" + table + ") r using (" + joinColumns + ") "
                + "where " + differs + " order by 1 limit " + LIMIT;
        long total = 0;
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                total = rs.getLong(4 + 2 * fields.length);
                String key = rs.getString(1);
                if (!rs.getBoolean(2) || !rs.getBoolean(3)) {
                    found.add(new Difference(table, key, "row", rs.getBoolean(2) ? "present" : "absent",
                            rs.getBoolean(3) ? "present" : "absent"));
                    continue;
                }
                for (int i = 0; i < fields.length; i++) {
                    String live = rs.getString(4 + 2 * i);
                    String rebuilt = rs.getString(5 + 2 * i);
                    if (live == null ? rebuilt != null : !live.equals(rebuilt)) {
                        found.add(new Difference(table, key, fields[i], shorten(live), shorten(rebuilt)));
                    }
                }
            }
        }
        return total;
    }

    /** A whole cells array is long; the first 120 characters are enough to see where it differs. */
    private static String shorten(String value) {
        return value == null || value.length() <= 120 ? value : value.substring(0, 120) + "…";
    }
}
