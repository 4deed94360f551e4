package org.ogi.bench;

import java.util.List;
import java.util.stream.IntStream;
import org.ogi.stack.demo.DemoAgency;
import org.ogi.stack.demo.DemoReports;

/**
 * The reports to file, from the demo's rule-satisfying generator (R1–R5 hold by construction; R6/R7 chain from year
 * to year with rare planted slips): most agencies get a handful of requests, a few get hundreds. Generated before a
 * timed phase, so the load generator spends its CPU on sending, not on making numbers.
 */
final class Bodies {

    private Bodies() {
    }

    /** The JSON body of each agency's report for {@code year} (null where the agency has none that year). */
    static String[] forYear(List<DemoAgency> agencies, int year, long seed) {
        DemoReports reports = new DemoReports(seed);
        String[] bodies = new String[agencies.size()];
        IntStream.range(0, agencies.size()).parallel().forEach(i -> bodies[i] = reports.series(agencies.get(i)).stream()
                .filter(r -> r.year() == year).findFirst().map(r -> r.body().toString()).orElse(null));
        return bodies;
    }
}
