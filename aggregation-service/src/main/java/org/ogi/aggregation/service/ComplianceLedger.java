package org.ogi.aggregation.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import org.ogi.aggregation.service.ReportApplier.RegionYear;

/**
 * Keeps compliance_leaf exact. Compliance depends on both topics at once (an agency's validity decides whether it was
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
              select year, region_code,
                count(*) filter (where expected) as expected,
                count(*) filter (where status <> 'WITHDRAWN') as filed,
                count(*) filter (where status <> 'WITHDRAWN' and on_time) as on_time,
                count(*) filter (where status <> 'WITHDRAWN' and not on_time) as late,
                count(*) filter (where expected and (status is null or status = 'WITHDRAWN')) as missing,
                count(*) filter (where status = 'ACCEPTED') as accepted,
                count(*) filter (where status = 'RETURNED') as returned
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
            """.formatted(String.format(OBLIGED, "a", "r.year"), String.format(OBLIGED, "a", "p.year"));

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
        try (PreparedStatement ps = c.prepareStatement(COUNT)) {
            ps.setArray(1, c.createArrayOf("text", regions.toArray()));
            ps.setArray(2, c.createArrayOf("integer", years.toArray()));
            ps.executeUpdate();
        }
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
        try (PreparedStatement mark = c.prepareStatement("insert into compliance_year (year, counted_at) values (?, now())")) {
            mark.setInt(1, year);
            mark.executeUpdate();
        }
        return true;
    }
}
