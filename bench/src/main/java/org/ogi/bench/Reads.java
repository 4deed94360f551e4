package org.ogi.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.ogi.format.CellDef;
import org.ogi.format.ReportFormat;

/**
 * Reads: the statistics API for one region under concurrent load, against the batch baseline — the same question
 * (every cell of the year summed over the subtree, plus filed and on-time counts) answered by an aggregate query over
 * the raw report versions in submission-service's PostgreSQL, as a nightly-batch system would compute it.
 */
final class Reads {

    record Result(String region, String level, Load.Result api, double baselineP50Millis, double baselineMaxMillis,
                  int baselineRuns, double ratio) {
    }

    private Reads() {
    }

    static Result run(Api api, String aggregationUrl, String submissionJdbc, int year, String region, String level,
                      int requests, int clients, int baselineRuns) throws Exception {
        String url = aggregationUrl + "/api/v1/statistics/" + year + "/regions/" + region;
        // the read path's first few hundred calls run in the interpreter and C1: not what a dashboard sees all day
        Load.run("reads warm-up", Math.min(1_000, requests), clients, Load.ThreadLocalSetup.NONE, i -> api.get(url));
        Load.Result load = Load.run("reads " + level, requests, clients, Load.ThreadLocalSetup.NONE, i -> api.get(url));
        Latencies baseline = new Latencies();
        double max = 0;
        try (Connection c = DriverManager.getConnection(submissionJdbc, "postgres", "postgres");
             PreparedStatement s = c.prepareStatement(baselineSql(ReportFormat.F2021))) {
            for (int run = 0; run < baselineRuns; run++) {
                s.setInt(1, year);
                s.setString(2, prefix(region) + "%");
                long t0 = System.nanoTime();
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                }
                long nanos = System.nanoTime() - t0;
                baseline.add(nanos);
                max = Math.max(max, nanos / 1e6);
            }
        }
        double baseP50 = baseline.percentileMillis(0.5);
        return new Result(region, level, load, baseP50, max, baselineRuns, baseP50 / load.p50Millis());
    }

    /** The region code's significant digits: "" for the nation, 2 for a province, 4 for a prefecture. */
    static String prefix(String region) {
        if (region.equals("000000")) {
            return "";
        }
        return region.endsWith("0000") ? region.substring(0, 2) : region.endsWith("00") ? region.substring(0, 4) : region;
    }

    /** One sum per cell of the format, read out of each report's current version body. */
    static String baselineSql(ReportFormat format) {
        String sums = format.cells().stream().map(CellDef::key)
                .map(key -> "sum((b #>> '{" + String.join(",", Arrays.asList(key.split("\\."))) + "}')::numeric)")
                .collect(Collectors.joining(",\n  "));
        // materialized: each body is parsed to jsonb once, not once per cell (an inlined subquery would repeat it)
        return "with rows as materialized (\n  select r.year, r.on_time, v.body::jsonb as b"
                + "\n  from report r join report_version v on v.report_id = r.id and v.version = r.current_version"
                + "\n  where r.year = ? and r.region_code like ? and r.status <> 'WITHDRAWN')"
                + "\nselect year, count(*) as filed, count(*) filter (where on_time) as on_time,\n  " + sums
                + "\nfrom rows group by year";
    }
}
