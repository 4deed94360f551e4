package org.ogi.aggregation.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.ogi.aggregation.domain.Compliance;
import org.ogi.aggregation.domain.RegionChain;
import org.ogi.aggregation.service.ReportApplier.RegionYear;

/**
 * Keeps compliance_leaf exact, and compliance_total (every ancestor) moved by the same differences. Compliance depends on both topics at once (an agency's validity decides whether it was
 * expected in every year; a report's status whether it filed), so instead of deltas each batch recounts the
 * (leaf region, year) rows it touched, in its own transaction, with the same query that defines the figures. The
 * touched rows are locked (advisory, in hash order) before the recount, so two batches touching one leaf run the
 * recount one after the other and the second sees the first's commit; and every batch first locks the agency codes it
 * touches, so a report and a move of its agency are never counted each without the other.
 */
final class ComplianceLedger {

    /** Agency {@code a} exists on 31 December of year {@code y}: obliged to file for that year. */
    static final String OBLIGED = "(%1$s.valid_from is null or %1$s.valid_from <= make_date(%2$s, 12, 31)) "
            + "and (%1$s.valid_to is null or %1$s.valid_to >= make_date(%2$s, 12, 31))";

    /**
     * The figures, over rows (year, region_code, expected, status, on_time): one per report, and one per obliged agency
     * without a report. The one definition, used by the recount and by the rebuild's comparison.
     */
    static final String COUNTS = """
            count(*) filter (where expected) as expected,
            count(*) filter (where status <> 'WITHDRAWN') as filed,
            count(*) filter (where status <> 'WITHDRAWN' and on_time) as on_time,
            count(*) filter (where status <> 'WITHDRAWN' and not on_time) as late,
            count(*) filter (where expected and (status is null or status = 'WITHDRAWN')) as missing,
            count(*) filter (where status = 'ACCEPTED') as accepted,
            count(*) filter (where status = 'RETURNED') as returned
            """;

    /** Key spaces of the two-key advisory locks (apart from each other and from the one-key {@link #YEAR_LOCK}). */
    private static final int AGENCY_LOCKS = 1;
    private static final int LEAF_LOCKS = 2;

    /** Shared by every batch, exclusive while a whole year is counted. */
    private static final long YEAR_LOCK = 0x6f67692d636f6d70L;

    private static final String COUNT = """
            with pairs as (select distinct * from unnest(?::text[], ?::int[]) as p(region_code, year)),
            rows as (
              select r.year, r.region_code, (a.code is not null and %s) as expected, r.status, r.on_time
              from pairs p join report_state r on r.region_code = p.region_code and r.year = p.year
              left join agency a on a.code = r.agency_code
              union all
              select p.year, a.region_code, true, null, null
              from pairs p join agency a on a.region_code = p.region_code and %s
              where not exists (select 1 from report_state r where r.agency_code = a.code and r.year = p.year)
            ),
            counts as (
              select year, region_code, %s
              from rows group by year, region_code
            ),
            emptied as (
              delete from compliance_leaf l using pairs p
              where l.region_code = p.region_code and l.year = p.year
                and not exists (select 1 from counts c where c.region_code = p.region_code and c.year = p.year)
            )
            insert into compliance_leaf (region_code, year, expected, filed, on_time, late, missing, accepted, returned)
            select region_code, year, expected, filed, on_time, late, missing, accepted, returned from counts
            on conflict (year, region_code) do update set expected = excluded.expected, filed = excluded.filed,
              on_time = excluded.on_time, late = excluded.late, missing = excluded.missing,
              accepted = excluded.accepted, returned = excluded.returned
            """.formatted(String.format(OBLIGED, "a", "r.year"), String.format(OBLIGED, "a", "p.year"), COUNTS);

    /** The counts' columns, in the order of {@link Compliance}'s components. */
    static final String COLUMNS = "expected, filed, on_time, late, missing, accepted, returned";

    private ComplianceLedger() {
    }

    /**
     * Recounts the given (leaf region, year) rows inside the caller's transaction; a row left with nothing to count is
     * removed, so a region appears only in the years it has figures.
     */
    static void recount(Connection c, Collection<RegionYear> touched) throws SQLException {
        if (touched.isEmpty()) {
            return;
        }
        TreeSet<RegionYear> sorted = new TreeSet<>(touched);
        try (PreparedStatement lock = c.prepareStatement("select pg_advisory_xact_lock_shared(?)")) {
            lock.setLong(1, YEAR_LOCK);
            lock.execute();
        }
        List<String> regions = new ArrayList<>(sorted.size());
        List<Integer> years = new ArrayList<>(sorted.size());
        sorted.forEach(ry -> {
            regions.add(ry.region());
            years.add(ry.year());
        });
        lock(c, LEAF_LOCKS, sorted.stream().map(ry -> ry.region() + ":" + ry.year()).toList());
        Map<RegionYear, Compliance> before = leaves(c, regions, years);
        try (PreparedStatement ps = c.prepareStatement(COUNT)) {
            ps.setArray(1, c.createArrayOf("text", regions.toArray()));
            ps.setArray(2, c.createArrayOf("integer", years.toArray()));
            ps.executeUpdate();
        }
        Map<RegionYear, Compliance> after = leaves(c, regions, years);
        TreeMap<RegionYear, Compliance> deltas = new TreeMap<>();
        for (RegionYear leaf : sorted) {
            Compliance d = after.getOrDefault(leaf, Compliance.NONE).minus(before.getOrDefault(leaf, Compliance.NONE));
            if (!d.equals(Compliance.NONE)) {
                for (String code : RegionChain.selfAndAncestors(leaf.region())) {
                    deltas.merge(new RegionYear(code, leaf.year()), d, Compliance::plus);
                }
            }
        }
        addToTotals(c, deltas);
    }

    /** The leaf rows of the given pairs as they are now (absent = all zero). */
    private static Map<RegionYear, Compliance> leaves(Connection c, List<String> regions, List<Integer> years)
            throws SQLException {
        Map<RegionYear, Compliance> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select l.region_code, l.year, " + COLUMNS + " from compliance_leaf l "
                + "join unnest(?::text[], ?::int[]) as p(region_code, year) on l.region_code = p.region_code and l.year = p.year")) {
            ps.setArray(1, c.createArrayOf("text", regions.toArray()));
            ps.setArray(2, c.createArrayOf("integer", years.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(new RegionYear(rs.getString(1), rs.getInt(2)), read(rs, 3));
                }
            }
        }
        return out;
    }

    /** Adds each delta to its (region, year) row in key order, so that concurrent batches never deadlock. */
    private static void addToTotals(Connection c, TreeMap<RegionYear, Compliance> deltas) throws SQLException {
        if (deltas.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("insert into compliance_total (region_code, year, " + COLUMNS
                + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (year, region_code) do update set "
                + "expected = compliance_total.expected + excluded.expected, filed = compliance_total.filed + excluded.filed, "
                + "on_time = compliance_total.on_time + excluded.on_time, late = compliance_total.late + excluded.late, "
                + "missing = compliance_total.missing + excluded.missing, "
                + "accepted = compliance_total.accepted + excluded.accepted, "
                + "returned = compliance_total.returned + excluded.returned")) {
            for (Map.Entry<RegionYear, Compliance> e : deltas.entrySet()) {
                Compliance d = e.getValue();
                ps.setString(1, e.getKey().region());
                ps.setInt(2, e.getKey().year());
                long[] values = {d.expected(), d.filed(), d.onTime(), d.late(), d.missing(), d.accepted(), d.returned()};
                for (int i = 0; i < values.length; i++) {
                    ps.setLong(3 + i, values[i]);
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    static Compliance read(ResultSet rs, int first) throws SQLException {
        return new Compliance(rs.getLong(first), rs.getLong(first + 1), rs.getLong(first + 2), rs.getLong(first + 3),
                rs.getLong(first + 4), rs.getLong(first + 5), rs.getLong(first + 6));
    }

    /** Takes the batch's agency locks: call first, before any row of report_state or agency is read or locked. */
    static void lockAgencies(Connection c, Collection<String> codes) throws SQLException {
        lock(c, AGENCY_LOCKS, codes);
    }

    /** By hash value, not by key, so that two batches can never take two colliding keys in opposite orders. */
    private static void lock(Connection c, int space, Collection<String> keys) throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        try (PreparedStatement lock = c.prepareStatement("select pg_advisory_xact_lock(?, h) from (select distinct "
                + "hashtext(k) as h from unnest(?::text[]) as t(k) order by h offset 0) s")) {
            lock.setInt(1, space);
            lock.setArray(2, c.createArrayOf("text", keys.toArray()));
            lock.execute();
        }
    }

    /** The current region of each of {@code codes} that is known: a report also decides whether its agency is missing there. */
    static java.util.Map<String, String> agencyRegions(Connection c, Collection<String> codes) throws SQLException {
        java.util.Map<String, String> regions = new java.util.HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select code, region_code from agency where code = any(?)")) {
            ps.setArray(1, c.createArrayOf("text", codes.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    regions.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return regions;
    }

    /** Counts every leaf of {@code year} in full unless it was done before; returns whether it counted. */
    static boolean countYearOnce(Connection c, int year) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("select pg_advisory_xact_lock(?)")) {
            lock.setLong(1, YEAR_LOCK);
            lock.execute();
        }
        try (PreparedStatement done = c.prepareStatement("select 1 from compliance_year where year = ?")) {
            done.setInt(1, year);
            try (ResultSet rs = done.executeQuery()) {
                if (rs.next()) {
                    return false;
                }
            }
        }
        List<String> regions = new ArrayList<>();
        try (PreparedStatement leaves = c.prepareStatement("select region_code from agency union "
                + "select region_code from report_state where year = ?")) {
            leaves.setInt(1, year);
            try (ResultSet rs = leaves.executeQuery()) {
                while (rs.next()) {
                    regions.add(rs.getString(1));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(COUNT)) {
            ps.setArray(1, c.createArrayOf("text", regions.toArray()));
            ps.setArray(2, c.createArrayOf("integer", regions.stream().map(r -> year).toArray()));
            ps.executeUpdate();
        }
        try (PreparedStatement clear = c.prepareStatement("delete from compliance_total where year = ?")) {
            clear.setInt(1, year);
            clear.executeUpdate();
        }
        TreeMap<RegionYear, Compliance> totals = new TreeMap<>();
        try (PreparedStatement all = c.prepareStatement("select region_code, " + COLUMNS + " from compliance_leaf where year = ?")) {
            all.setInt(1, year);
            try (ResultSet rs = all.executeQuery()) {
                while (rs.next()) {
                    Compliance leaf = read(rs, 2);
                    for (String code : RegionChain.selfAndAncestors(rs.getString(1))) {
                        totals.merge(new RegionYear(code, year), leaf, Compliance::plus);
                    }
                }
            }
        }
        addToTotals(c, totals);
        try (PreparedStatement mark = c.prepareStatement("insert into compliance_year (year, counted_at) values (?, now())")) {
            mark.setInt(1, year);
            mark.executeUpdate();
        }
        return true;
    }
}
