package org.ogi.aggregation;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.ogi.aggregation.domain.Compliance;
import org.ogi.aggregation.domain.RegionChain;
import org.ogi.format.AgencyState;
import org.ogi.format.ReportState;
import org.ogi.format.ReportStatus;

/**
 * A random registry over a random region hierarchy under the given provinces, random report histories (amendments,
 * reviews, withdrawals, re-filings, moves to another region), and the brute-force answers computed from the final
 * states alone — deliberately without any of the service's code except the code-pattern region chain.
 */
final class RandomWorld {

    final List<String> regions = new ArrayList<>();
    /** Every agency event in the order they were created (older first); the last per code is the final state. */
    final List<AgencyEvent> agencyEvents = new ArrayList<>();
    final Map<String, AgencyState> finalAgencies = new LinkedHashMap<>();
    final List<ReportState> reportEvents = new ArrayList<>();
    final Map<String, ReportState> finalReports = new LinkedHashMap<>();
    private final Random random;
    private final List<Integer> years;

    record AgencyEvent(AgencyState state, Instant occurredAt) {
    }

    record RegionYear(String region, int year) implements Comparable<RegionYear> {
        @Override
        public int compareTo(RegionYear o) {
            int c = region.compareTo(o.region);
            return c != 0 ? c : Integer.compare(year, o.year);
        }
    }

    RandomWorld(Random random, List<String> provinces, List<Integer> years, int agenciesPerRegionMax) {
        this.random = random;
        this.years = years;
        for (String province : provinces) {
            regions.add(province);
            String p2 = province.substring(0, 2);
            TreeSet<Integer> prefectures = new TreeSet<>();
            int prefectureCount = 2 + random.nextInt(2);
            while (prefectures.size() < prefectureCount) {
                prefectures.add(1 + random.nextInt(30));
            }
            for (int pf : prefectures) {
                String prefecture = p2 + String.format("%02d", pf) + "00";
                regions.add(prefecture);
                TreeSet<Integer> counties = new TreeSet<>();
                int countyCount = 2 + random.nextInt(3);
                while (counties.size() < countyCount) {
                    counties.add(1 + random.nextInt(40));
                }
                counties.forEach(c -> regions.add(prefecture.substring(0, 4) + String.format("%02d", c)));
            }
            regions.add(p2 + "90" + String.format("%02d", 1 + random.nextInt(9))); // province-administered county
        }
        Instant clock = Instant.parse("2024-03-01T00:00:00Z");
        for (String region : regions) {
            int n = 1 + random.nextInt(agenciesPerRegionMax);
            for (int i = 0; i < n; i++) {
                String code = Fixtures.agencyCode(region);
                AgencyState first = withValidity(Fixtures.agency(code, region, null, null));
                clock = clock.plusSeconds(1);
                agencyEvents.add(new AgencyEvent(first, clock));
                AgencyState last = first;
                if (random.nextInt(5) == 0) { // a later change: moved, or retired
                    last = random.nextBoolean() ? moved(first, pick(regions)) : withValidity(first);
                    clock = clock.plusSeconds(1);
                    agencyEvents.add(new AgencyEvent(last, clock));
                }
                finalAgencies.put(code, last);
                for (int year : years) {
                    if (random.nextInt(100) < 80) {
                        history(code, last.regionCode(), year);
                    }
                }
            }
        }
    }

    /** Revisions 1..k of one report: filing, amendments (sometimes from another region), reviews, withdrawal. */
    private void history(String code, String region, int year) {
        int revisions = 1 + random.nextInt(5);
        int version = 1;
        ReportStatus status = ReportStatus.SUBMITTED;
        Map<String, BigDecimal> cells = Fixtures.randomCells(random, year);
        ReportState state = null;
        for (long revision = 1; revision <= revisions; revision++) {
            if (revision > 1) {
                switch (random.nextInt(5)) {
                    case 0, 1 -> {
                        version++;
                        status = ReportStatus.SUBMITTED;
                        cells = Fixtures.randomCells(random, year);
                        if (random.nextInt(6) == 0) {
                            region = pick(regions);
                        }
                    }
                    case 2 -> status = ReportStatus.ACCEPTED;
                    case 3 -> status = ReportStatus.RETURNED;
                    default -> status = status == ReportStatus.WITHDRAWN ? ReportStatus.SUBMITTED : ReportStatus.WITHDRAWN;
                }
            }
            state = Fixtures.state(code, region, year, version, revision, status, random.nextBoolean(), cells);
            reportEvents.add(state);
        }
        finalReports.put(code + ":" + year, state);
    }

    private AgencyState withValidity(AgencyState a) {
        LocalDate from = null;
        LocalDate to = null;
        switch (random.nextInt(10)) {
            case 0 -> from = randomFrom();
            case 1 -> to = randomFrom();
            case 2 -> {
                from = randomFrom();
                to = from.plusDays(30 + random.nextInt(2000));
            }
            default -> {
            }
        }
        return new AgencyState(a.code(), a.name(), a.regionCode(), a.kind(), null, null, null, from, to);
    }

    private static AgencyState moved(AgencyState a, String region) {
        return new AgencyState(a.code(), a.name(), region, a.kind(), null, null, null, a.validFrom(), a.validTo());
    }

    private LocalDate randomFrom() {
        return LocalDate.of(2014, 1, 1).plusDays(random.nextInt(11 * 365));
    }

    private String pick(List<String> from) {
        return from.get(random.nextInt(from.size()));
    }

    /** Sums of every cell per (region at every level including the nation, year), from the final states. */
    Map<RegionYear, Map<String, BigDecimal>> expectedSums() {
        Map<RegionYear, Map<String, BigDecimal>> sums = new TreeMap<>();
        for (ReportState s : finalReports.values()) {
            if (s.status() == ReportStatus.WITHDRAWN) {
                continue;
            }
            for (String code : RegionChain.selfAndAncestors(s.regionCode())) {
                Map<String, BigDecimal> row = sums.computeIfAbsent(new RegionYear(code, s.year()), k -> new HashMap<>());
                s.cells().forEach((key, value) -> {
                    if (value != null) {
                        row.merge(key, value, BigDecimal::add);
                    }
                });
            }
        }
        return sums;
    }

    /** Compliance per (region at every level below the nation, year), by the documented definition. */
    Map<RegionYear, Compliance> expectedCompliance() {
        Map<RegionYear, Compliance> out = new TreeMap<>();
        for (AgencyState a : finalAgencies.values()) {
            for (int year : years) {
                LocalDate end = LocalDate.of(year, 12, 31);
                boolean obliged = (a.validFrom() == null || !a.validFrom().isAfter(end))
                        && (a.validTo() == null || !a.validTo().isBefore(end));
                ReportState r = finalReports.get(a.code() + ":" + year);
                boolean filed = r != null && r.status() != ReportStatus.WITHDRAWN;
                Compliance c = new Compliance(obliged ? 1 : 0, filed ? 1 : 0, filed && r.onTime() ? 1 : 0,
                        filed && !r.onTime() ? 1 : 0, obliged && !filed ? 1 : 0,
                        filed && r.status() == ReportStatus.ACCEPTED ? 1 : 0,
                        filed && r.status() == ReportStatus.RETURNED ? 1 : 0);
                if (!obliged && r == null) {
                    continue;
                }
                String where = r != null ? r.regionCode() : a.regionCode();
                for (String code : RegionChain.selfAndAncestors(where)) {
                    out.merge(new RegionYear(code, year), c, Compliance::plus);
                }
            }
        }
        return out;
    }

    /** Every region the statistics should know: those of the final agencies and reports, and their ancestors. */
    TreeSet<String> knownRegions() {
        TreeSet<String> known = new TreeSet<>();
        finalAgencies.values().forEach(a -> known.addAll(RegionChain.selfAndAncestors(a.regionCode())));
        finalReports.values().forEach(r -> known.addAll(RegionChain.selfAndAncestors(r.regionCode())));
        return known;
    }
}
