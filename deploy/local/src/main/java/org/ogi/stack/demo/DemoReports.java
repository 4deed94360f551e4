package org.ogi.stack.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ogi.format.AgencyKind;
import org.ogi.format.Cells;
import org.ogi.format.ReportFormat;

/**
 * Rule-satisfying demo reports with realistic numbers. Every agency's years are generated in order from one
 * random stream, so each year's 上年结转 is the previous year's 结转下年度 (R6) and 现行有效 follows from
 * 制发/废止 (R7) — except a few deliberate slips (about 1.5% of year pairs each) that the server should report as warnings.
 * Table 三 is built column by column (new + carried over = outcomes + carried forward), then the 总计 column
 * is summed, so R1–R4 hold by construction.
 */
public final class DemoReports {

    public static final int FIRST_YEAR = 2017;
    public static final int LAST_YEAR = 2025;

    /** One generated report; the flags say whether a cross-year warning was planted in it. */
    public record DemoReport(DemoAgency agency, int year, ObjectNode body, boolean r6Slip, boolean r7Slip) {
        public ReportFormat format() {
            return ReportFormat.requiredFor(year);
        }
    }

    /** Share of requests per applicant column (自然人 dominate). */
    private static final double[] APPLICANT_WEIGHTS = {0.82, 0.08, 0.01, 0.01, 0.04, 0.04};
    /** Weights of the 2021 outcome rows, in the order of {@link Cells#OUTCOME_ROWS_2021}. */
    private static final double[] OUTCOME_WEIGHTS_2021 = {0.36, 0.10, 0.002, 0.01, 0.005, 0.02, 0.02, 0.02, 0.01,
        0.02, 0.25, 0.04, 0.02, 0.03, 0.02, 0.005, 0.005, 0.005, 0.03, 0.002, 0.03};
    private static final double[] OUTCOME_WEIGHTS_2019 = collapseOther(OUTCOME_WEIGHTS_2021);
    private static final double[] REVIEW_WEIGHTS = {0.65, 0.10, 0.15, 0.10};
    private static final double SLIP_RATE = 0.015;

    private final long seed;
    private final ObjectMapper mapper = new ObjectMapper();

    public DemoReports(long seed) {
        this.seed = seed;
    }

    /** The agency's reports for every year from FIRST_YEAR to LAST_YEAR in which it existed, in year order. */
    public List<DemoReport> series(DemoAgency agency) {
        return new Series(agency, new Random(seed * 1_000_003L + agency.code().hashCode())).generate();
    }

    /**
     * A second version with changed numbers that still satisfies R1–R5: some 自然人 requests move from
     * 本机关不掌握 to 予以公开 (same column, so totals hold) and the licensing count is corrected.
     * Carried-forward cells are untouched, so next year's R6 still holds.
     */
    public ObjectNode amendment(DemoReport report) {
        if (!report.format().tabular()) {
            throw new IllegalArgumentException("only tabular reports are amended in the demo");
        }
        Random random = new Random(seed * 31 + report.agency().code().hashCode() * 17L + report.year());
        ObjectNode body = report.body().deepCopy();
        ObjectNode requests = (ObjectNode) body.get(Cells.REQUESTS);
        String from = requests.get("unavailableNotHeld").get(Cells.NATURAL_PERSON).asInt() > 0
                ? "unavailableNotHeld" : Cells.GRANTED;
        String to = from.equals(Cells.GRANTED) ? Cells.PARTLY_GRANTED : Cells.GRANTED;
        int available = requests.get(from).get(Cells.NATURAL_PERSON).asInt();
        int moved = Math.min(available, 1 + random.nextInt(3));
        for (String column : List.of(Cells.NATURAL_PERSON, Cells.TOTAL)) {
            ObjectNode source = (ObjectNode) requests.get(from);
            ObjectNode target = (ObjectNode) requests.get(to);
            source.put(column, source.get(column).asInt() - moved);
            target.put(column, target.get(column).asInt() + moved);
        }
        ObjectNode licensing = (ObjectNode) body.get(Cells.ACTIVE_DISCLOSURE).get("licensing");
        licensing.put("decisions", licensing.get("decisions").asInt() + 1 + random.nextInt(40));
        return body;
    }

    /** One agency's state carried from year to year. */
    private final class Series {
        private final DemoAgency agency;
        private final Random random;
        private final double requestScale;
        private final double pendingRate;
        private final double grantedBias;
        private final boolean makesRules;
        private final boolean government;
        private int[] forward = new int[6];
        private int rulesInForce;
        private int documentsInForce;
        private int documentsPublic;
        private final int[] serviceItems = new int[5];
        private ReportFormat previous;

        Series(DemoAgency agency, Random random) {
            this.agency = agency;
            this.random = random;
            this.government = agency.kind() == AgencyKind.GOVERNMENT;
            boolean county = !agency.regionCode().endsWith("00");
            boolean province = agency.regionCode().endsWith("0000");
            this.makesRules = government && !county;
            this.requestScale = scale(province, county);
            this.pendingRate = 0.02 + random.nextDouble() * 0.06;
            this.grantedBias = 0.6 + random.nextDouble() * 0.8;
            this.rulesInForce = makesRules ? (province ? 80 : 5) + random.nextInt(province ? 120 : 35) : 0;
            this.documentsInForce = government ? 30 + random.nextInt(250) : random.nextInt(40);
            this.documentsPublic = documentsInForce + random.nextInt(20);
            for (int i = 0; i < serviceItems.length; i++) {
                serviceItems[i] = random.nextDouble() < 0.4 ? 0 : 1 + random.nextInt(government ? 300 : 60);
            }
            if (random.nextDouble() < 0.2) {
                forward[0] = 1 + random.nextInt(3);
            }
        }

        private double scale(boolean province, boolean county) {
            if (government) {
                return province ? 300 + random.nextInt(600) : county ? 10 + random.nextInt(50) : 60 + random.nextInt(190);
            }
            double u = random.nextDouble();
            if (u < 0.72) {
                return 0.5 + random.nextDouble() * 9.5;
            }
            return u < 0.95 ? 12 + random.nextInt(48) : 100 + random.nextInt(300);
        }

        List<DemoReport> generate() {
            List<DemoReport> reports = new ArrayList<>();
            for (int year = FIRST_YEAR; year <= LAST_YEAR; year++) {
                if (agency.activeDuring(year)) {
                    reports.add(report(year));
                }
            }
            return reports;
        }

        private DemoReport report(int year) {
            ReportFormat format = ReportFormat.requiredFor(year);
            double growth = 1 + 0.06 * (year - FIRST_YEAR);
            int requests = sample(requestScale * growth * (0.6 + 0.8 * random.nextDouble()));
            if (format == ReportFormat.LEGACY) {
                previous = format;
                return new DemoReport(agency, year, legacy(year, requests), false, false);
            }
            ObjectNode body = mapper.createObjectNode();
            body.put("format", format.id());
            body.put("overview", "");
            boolean r7Slip = format == ReportFormat.F2021
                    ? activeDisclosure2021(body.putObject(Cells.ACTIVE_DISCLOSURE))
                    : activeDisclosure2019(body.putObject(Cells.ACTIVE_DISCLOSURE));
            boolean r6Slip = previous != null && previous.tabular() && random.nextDouble() < SLIP_RATE;
            Table3 table = table3(format, requests, r6Slip);
            body.set(Cells.REQUESTS, table.json());
            int[][] review = reviewAndLitigation(table.handledTotal());
            ObjectNode rl = body.putObject(Cells.REVIEW_AND_LITIGATION);
            for (int g = 0; g < Cells.REVIEW_GROUPS.size(); g++) {
                ObjectNode group = rl.putObject(Cells.REVIEW_GROUPS.get(g));
                for (int c = 0; c < Cells.REVIEW_COLUMNS.size(); c++) {
                    group.put(Cells.REVIEW_COLUMNS.get(c), review[g][c]);
                }
            }
            DemoTexts texts = new DemoTexts(random);
            body.put("overview", texts.overview(agency.name(), year, body));
            body.put("problemsAndImprovements", texts.problems(agency.name(), year));
            body.put("otherMatters", texts.otherMatters(year));
            previous = format;
            return new DemoReport(agency, year, body, r6Slip, r7Slip);
        }

        private ObjectNode legacy(int year, int requests) {
            int proactive = government ? 500 + random.nextInt(8000) : 20 + random.nextInt(800);
            int fees = random.nextDouble() < 0.95 ? 0 : 10 + random.nextInt(300);
            int reviews = binomial(requests, 0.03);
            int litigation = binomial(requests, 0.01);
            ObjectNode body = mapper.createObjectNode();
            body.put("format", ReportFormat.LEGACY.id());
            body.put("text", new DemoTexts(random).legacy(agency.name(), year, proactive, requests, fees, reviews,
                    litigation));
            body.put(Cells.LEGACY_PROACTIVE_ITEMS, proactive);
            body.put(Cells.LEGACY_APPLICATIONS, requests);
            body.put(Cells.LEGACY_FEES_YUAN, fees);
            body.put(Cells.LEGACY_ADMIN_REVIEWS, reviews);
            body.put(Cells.LEGACY_LITIGATIONS, litigation);
            return body;
        }

        /** Returns whether an R7 slip (现行有效 not following from last year) was planted. */
        private boolean activeDisclosure2021(ObjectNode ad) {
            boolean slip = previous == ReportFormat.F2021 && random.nextDouble() < SLIP_RATE;
            int issuedRules = makesRules ? random.nextInt(4) : 0;
            int repealedRules = makesRules ? Math.min(rulesInForce + issuedRules, random.nextInt(3)) : 0;
            rulesInForce += issuedRules - repealedRules;
            int issuedDocs = documentsIssued();
            int repealedDocs = Math.min(documentsInForce + issuedDocs, random.nextInt(issuedDocs / 2 + 3));
            documentsInForce += issuedDocs - repealedDocs;
            if (slip) {
                documentsInForce = Math.max(0, documentsInForce + (random.nextBoolean() ? 1 : -1) * (1 + random.nextInt(4)));
            }
            put(ad.putObject("rules"), Cells.ISSUED, issuedRules, Cells.REPEALED, repealedRules, Cells.IN_FORCE,
                    rulesInForce);
            put(ad.putObject("normativeDocuments"), Cells.ISSUED, issuedDocs, Cells.REPEALED, repealedDocs,
                    Cells.IN_FORCE, documentsInForce);
            ad.putObject("licensing").put("decisions", decisions(0.4, 5000));
            ad.putObject("penalties").put("decisions", decisions(0.5, 2000));
            ad.putObject("coerciveMeasures").put("decisions", decisions(0.7, 100));
            ad.putObject("fees").put("amount10kYuan", random.nextDouble() < 0.55 ? BigDecimal.ZERO.setScale(2)
                    : money(0.5, 3000));
            return slip;
        }

        private boolean activeDisclosure2019(ObjectNode ad) {
            int madeRules = makesRules ? random.nextInt(4) : 0;
            rulesInForce += madeRules;
            put(ad.putObject("rules"), "made", madeRules, "published", madeRules, "totalPublic", rulesInForce);
            int madeDocs = documentsIssued();
            int published = madeDocs > 0 && random.nextDouble() < 0.2 ? madeDocs - 1 : madeDocs;
            documentsPublic += published;
            documentsInForce += madeDocs;
            put(ad.putObject("normativeDocuments"), "made", madeDocs, "published", published, "totalPublic",
                    documentsPublic);
            List<String> rows = List.of("licensing", "otherServices", "penalties", "coerciveMeasures", "fees");
            for (int i = 0; i < rows.size(); i++) {
                int last = serviceItems[i];
                int change = last == 0 ? random.nextInt(2) : Math.max(-last, random.nextInt(7) - 2);
                serviceItems[i] = last + change;
                ObjectNode row = ad.putObject(rows.get(i));
                row.put("lastYearItems", last).put("change", change);
                if (i < 4) {
                    row.put("decisions", decisions(i == 3 ? 0.7 : 0.45, i == 0 ? 5000 : 1500));
                }
            }
            int projects = random.nextDouble() < 0.5 ? 0 : 1 + random.nextInt(government ? 80 : 15);
            ad.putObject("procurement").put("projects", projects)
                    .put("amount", projects == 0 ? BigDecimal.ZERO.setScale(2) : money(projects, projects * 200.0));
            return false;
        }

        private int documentsIssued() {
            if (government) {
                return 2 + random.nextInt(agency.regionCode().endsWith("00") ? 35 : 12);
            }
            return random.nextDouble() < 0.5 ? 0 : 1 + random.nextInt(6);
        }

        private Table3 table3(ReportFormat format, int requests, boolean r6Slip) {
            List<String> outcomes = Cells.outcomeRows(format);
            double[] weights = format == ReportFormat.F2021 ? OUTCOME_WEIGHTS_2021.clone() : OUTCOME_WEIGHTS_2019.clone();
            weights[0] *= grantedBias;
            int[] fresh = spread(requests, APPLICANT_WEIGHTS);
            int[] carried = forward.clone();
            if (r6Slip) {
                carried[0] += 1 + random.nextInt(3);
            }
            int[][] outcome = new int[outcomes.size()][6];
            int[] handled = new int[6];
            int[] next = new int[6];
            for (int c = 0; c < 6; c++) {
                int available = fresh[c] + carried[c];
                next[c] = binomial(available, pendingRate);
                handled[c] = available - next[c];
                int[] split = spread(handled[c], weights);
                for (int r = 0; r < outcomes.size(); r++) {
                    outcome[r][c] = split[r];
                }
            }
            forward = next;
            return new Table3(outcomes, fresh, carried, outcome, handled, next);
        }

        private int[][] reviewAndLitigation(int handled) {
            int adminReviews = binomial(handled, 0.03);
            int[] totals = {adminReviews, binomial(handled, 0.01), binomial(adminReviews, 0.2)};
            int[][] groups = new int[3][5];
            for (int g = 0; g < 3; g++) {
                int[] split = spread(totals[g], REVIEW_WEIGHTS);
                System.arraycopy(split, 0, groups[g], 0, 4);
                groups[g][4] = totals[g];
            }
            return groups;
        }

        private int decisions(double zeroShare, double max) {
            if (random.nextDouble() < zeroShare) {
                return 0;
            }
            double top = government ? max * 3 : max;
            return (int) Math.round(Math.exp(random.nextDouble() * Math.log(top)));
        }

        private BigDecimal money(double min, double max) {
            double v = Math.exp(Math.log(min) + random.nextDouble() * (Math.log(max) - Math.log(min)));
            return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP);
        }

        private int sample(double mean) {
            if (mean < 30) {
                double limit = Math.exp(-mean);
                double p = random.nextDouble();
                int k = 0;
                while (p > limit) {
                    p *= random.nextDouble();
                    k++;
                }
                return k;
            }
            return (int) Math.max(0, Math.round(mean + random.nextGaussian() * Math.sqrt(mean)));
        }

        private int binomial(int n, double p) {
            int k = 0;
            for (int i = 0; i < n; i++) {
                if (random.nextDouble() < p) {
                    k++;
                }
            }
            return k;
        }

        /** Distributes n items over the buckets by weight (a multinomial draw). */
        private int[] spread(int n, double[] weights) {
            double sum = 0;
            for (double w : weights) {
                sum += w;
            }
            int[] counts = new int[weights.length];
            for (int i = 0; i < n; i++) {
                double u = random.nextDouble() * sum;
                int b = 0;
                while (b < weights.length - 1 && u >= weights[b]) {
                    u -= weights[b];
                    b++;
                }
                counts[b]++;
            }
            return counts;
        }
    }

    /** Table 三 as generated, per applicant column; renders itself with the 总计 column summed. */
    private record Table3(List<String> outcomes, int[] fresh, int[] carried, int[][] outcome, int[] handled,
                          int[] forward) {

        int handledTotal() {
            int sum = 0;
            for (int v : handled) {
                sum += v;
            }
            return sum;
        }

        ObjectNode json() {
            ObjectNode requests = new ObjectMapper().createObjectNode();
            row(requests, Cells.NEW, fresh);
            row(requests, Cells.CARRIED_OVER, carried);
            for (int r = 0; r < outcomes.size(); r++) {
                row(requests, outcomes.get(r), outcome[r]);
            }
            row(requests, Cells.TOTAL_HANDLED, handled);
            row(requests, Cells.CARRIED_FORWARD, forward);
            return requests;
        }

        private static void row(ObjectNode requests, String name, int[] columns) {
            ObjectNode row = requests.putObject(name);
            int total = 0;
            for (int c = 0; c < Cells.APPLICANT_TYPES.size(); c++) {
                row.put(Cells.APPLICANT_TYPES.get(c), columns[c]);
                total += columns[c];
            }
            row.put(Cells.TOTAL, total);
        }
    }

    private static void put(ObjectNode row, String k1, int v1, String k2, int v2, String k3, int v3) {
        row.put(k1, v1).put(k2, v2).put(k3, v3);
    }

    /** The 2019 format has one （六） row: the three 2021 "other" weights summed into the last bucket. */
    private static double[] collapseOther(double[] weights2021) {
        double[] w = new double[weights2021.length - 2];
        System.arraycopy(weights2021, 0, w, 0, w.length);
        w[w.length - 1] = weights2021[weights2021.length - 3] + weights2021[weights2021.length - 2]
                + weights2021[weights2021.length - 1];
        return w;
    }
}
