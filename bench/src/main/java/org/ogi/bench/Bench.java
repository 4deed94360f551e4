package org.ogi.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.ogi.stack.ServiceProcess;
import org.ogi.stack.Tokens;
import org.ogi.stack.demo.DemoAgency;

/**
 * The benchmark run: starts the system (every part its own process, durable), registers a synthetic nation through
 * the bulk import, then runs the scenarios of bench/README.md in order and writes the figures. Usage:
 * {@code Bench [--quick] [--ingest-only | --rebuild-only [--jfr]] [--agencies N] [--clients N] [--seed N] [--partitions N]},
 * from the repository root; {@code --ingest-only} stops after ingest and the raw JDBC limit and writes only its results
 * file; {@code --rebuild-only} loads the five years and runs only the rebuild, three times (with {@code --jfr} under a
 * JFR recording of aggregation-service), and writes only its results file.
 */
public final class Bench {

    static final int FIRST_YEAR = 2021;
    static final int YEARS = 5;
    static final int WARM_UP = 3_000;
    /** Readers at once: a few dashboards and API clients; req/s is printed beside the latencies. */
    static final int READERS = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Options options;
    private final Path root = Path.of("").toAbsolutePath();
    private final Results results = new Results();
    private final Map<String, Long> maxRss = new ConcurrentHashMap<>();

    record Options(boolean quick, int agencies, int clients, long seed, int partitions, int freshnessSeconds,
                   int reads, int baselineRuns, boolean ingestOnly, boolean rebuildOnly, boolean jfr) {
        static Options parse(String[] args) {
            boolean quick = List.of(args).contains("--quick");
            int agencies = quick ? 4_000 : 150_000;
            int clients = 16;
            long seed = 20260131L;
            int partitions = 6;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--quick", "--ingest-only", "--rebuild-only", "--jfr" -> { }
                    case "--agencies" -> agencies = Integer.parseInt(args[++i]);
                    case "--clients" -> clients = Integer.parseInt(args[++i]);
                    case "--seed" -> seed = Long.parseLong(args[++i]);
                    case "--partitions" -> partitions = Integer.parseInt(args[++i]);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + "; usage: bench/run.sh [--quick] [--ingest-only | --rebuild-only [--jfr]] [--agencies N] [--clients N] [--seed N] [--partitions N]");
                }
            }
            return new Options(quick, agencies, clients, seed, partitions, quick ? 5 : 30, quick ? 6_000 : 20_000,
                    quick ? 3 : 5, List.of(args).contains("--ingest-only"), List.of(args).contains("--rebuild-only"),
                    List.of(args).contains("--jfr"));
        }
    }

    private Bench(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        new Bench(options).run();
        System.exit(0); // the Kafka admin client and HTTP client leave non-daemon threads behind
    }

    private void run() throws Exception {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path runDir = root.resolve("target/bench/" + stamp);
        settings(stamp);
        try (BenchStack stack = new BenchStack(root, runDir, options.partitions())) {
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "bench-stop")); // Ctrl-C stops what it started
            say("Starting PostgreSQL and Kafka (own processes, durable) in " + runDir);
            stack.startInfrastructure();
            Tokens tokens = Tokens.inDirectory(stack.jwtDir());
            for (String name : BenchStack.SERVICES) {
                BenchStack.Service s = stack.startService(name);
                say(String.format("%s-service ready in %.2f s (first start: empty database, migrations)", name, s.readySeconds()));
                results.add("5 start", name + "-service first start to ready (migrations)", seconds(s.readySeconds()), "≤ 3 s",
                        s.readySeconds() <= 3);
            }
            Thread sampler = rssSampler(stack);
            Api api = new Api(tokens.admin());
            Api dashboard = new Api(null); // statistics are open data: dashboards read them without a token
            String submission = stack.service("submission").url();
            String aggregation = stack.service("aggregation").url();

            List<DemoAgency> agencies = Nation.agencies(Nation.divisions(stack.jdbcUrl("submission")), options.agencies(),
                    options.seed());
            registry(api, submission, agencies);
            Set<Integer> heldBack = heldBack(agencies.size());

            try (Drain drain = new Drain(stack.kafka(), stack.jdbcUrl("submission"))) {
                say("Waiting for the registry events to reach the consumers ...");
                drain.await(600);

                warmUp(api, submission, drain, agencies);
                if (options.rebuildOnly()) {
                    rebuildOnly(stack, api, drain, agencies, runDir, stamp);
                    return;
                }
                String[] bodies = Bodies.forYear(agencies, FIRST_YEAR, options.seed());
                ingest(stack, api, submission, drain, agencies, bodies);
                rawJdbc(stack, agencies, bodies);
                if (options.ingestOnly()) {
                    addMaxRss();
                    hostSpeedAtEnd();
                    Path md = results.write(root.resolve("bench/results"), stamp + "-ingest-only");
                    System.out.println();
                    System.out.println(results.markdown());
                    System.out.println("--ingest-only: stopped after scenarios 1 and 6; written: " + root.relativize(md)
                            + " (README.md's table is left as it was).");
                    return;
                }

                for (int year = FIRST_YEAR + 1; year < FIRST_YEAR + YEARS; year++) {
                    boolean last = year == FIRST_YEAR + YEARS - 1;
                    String[] yearBodies = Bodies.forYear(agencies, year, options.seed());
                    List<Integer> indices = IntStream.range(0, agencies.size())
                            .filter(i -> yearBodies[i] != null && !(last && heldBack.contains(i))).boxed().toList();
                    int y = year;
                    Load.Result load = Load.run("load " + year, indices.size(), options.clients(), Load.ThreadLocalSetup.NONE,
                            i -> api.putJson(filingUrl(submission, y, agencies.get(indices.get(i))), yearBodies[indices.get(i)]));
                    results.add("load", "year " + year + " filed over HTTP", rate(load));
                    if (last) {
                        drain.await(1800);
                        freshness(api, dashboard, submission, aggregation, year, agencies, yearBodies, heldBack);
                    }
                }
                double drained = drain.await(1800);
                say(String.format("All five years applied everywhere (%.1f s after the last filing)", drained));
            }
            reads(dashboard, stack);
            Rebuild.scenario(api, aggregation, results);
            sampler.interrupt();
            addMaxRss();
            for (String name : BenchStack.SERVICES) {
                stack.stopService(name);
                BenchStack.Service s = stack.startService(name);
                results.add("5 start", name + "-service restart to ready (existing data)", seconds(s.readySeconds()),
                        "≤ 3 s", s.readySeconds() <= 3);
            }
        }
        String stem = stamp + (options.quick() ? "-quick" : "-full");
        hostSpeedAtEnd();
        Path md = results.write(root.resolve("bench/results"), stem);
        results.updateReadme(root.resolve("README.md"), root.relativize(md).toString());
        System.out.println();
        System.out.println(results.markdown());
        System.out.println("Written: " + root.relativize(md) + " and the .json beside it; README.md's table updated.");
    }

    private void registry(Api api, String submission, List<DemoAgency> agencies) {
        int chunk = 10_000;
        int chunks = (agencies.size() + chunk - 1) / chunk;
        Load.Result imported = Load.run("registry import", chunks, 1, Load.ThreadLocalSetup.NONE, i -> {
            String csv = DemoAgency.CSV_HEADER + "\n" + agencies.subList(i * chunk, Math.min(agencies.size(), (i + 1) * chunk))
                    .stream().map(DemoAgency::csvRow).collect(Collectors.joining("\n")) + "\n";
            api.send("POST", submission + "/api/v1/agencies/import", "text/csv; charset=UTF-8", csv, Duration.ofMinutes(10));
        });
        require(imported, "registry import");
        results.add("registry", "agencies imported (CSV, " + chunk + " a request)", String.format("%,d in %.1f s (%,.0f/s)",
                agencies.size(), imported.seconds(), agencies.size() / imported.seconds()));
    }

    /**
     * The services' JIT compilers take the first minute or two of load (C2 alone used a fifth of the CPU of a quick run):
     * a few thousand filings of the year before the measured ones, so that ingest measures the sustained rate.
     */
    private void warmUp(Api api, String submission, Drain drain, List<DemoAgency> agencies) throws Exception {
        int year = FIRST_YEAR - 1;
        List<DemoAgency> some = agencies.subList(0, Math.min(agencies.size(), WARM_UP));
        String[] bodies = Bodies.forYear(some, year, options.seed());
        Load.Result warm = Load.run("warm-up " + year, some.size(), options.clients(), Load.ThreadLocalSetup.NONE,
                i -> api.putJson(filingUrl(submission, year, some.get(i)), bodies[i]));
        drain.await(600);
        results.add("warm-up", "year " + year + " filed over HTTP (not measured further)", rate(warm));
    }

    private void ingest(BenchStack stack, Api api, String submission, Drain drain, List<DemoAgency> agencies, String[] bodies)
            throws Exception {
        Map<String, Double> cpuBefore = CpuAccounting.snapshot(stack);
        Load.Result ingest = Load.run("1 ingest " + FIRST_YEAR, agencies.size(), options.clients(), Load.ThreadLocalSetup.NONE,
                i -> api.putJson(filingUrl(submission, FIRST_YEAR, agencies.get(i)), bodies[i]));
        double drained = drain.await(1800);
        // the consumers' share of the filings is done only once they have drained: CPU is counted until then
        results.add("1 ingest", "CPU of each part while filing and draining", CpuAccounting.describe(cpuBefore,
                CpuAccounting.snapshot(stack), ingest.seconds() + Math.max(0, drained), ingest.operations()));
        results.raw("ingest", ingest);
        results.add("1 ingest", "filings/s over HTTP (" + options.clients() + " clients, " + FIRST_YEAR + ")",
                String.format("%,.0f", ingest.perSecond()), "≥ 1,000", ingest.perSecond() >= 1000);
        results.add("1 ingest", "latency p50 / p99", String.format("%.1f / %.1f ms", ingest.p50Millis(), ingest.p99Millis()));
        results.add("1 ingest", "errors", ingest.failed() + (ingest.errors().isEmpty() ? "" : " (" + ingest.errors().get(0) + ")"),
                "0", ingest.failed() == 0);
        results.add("1 ingest", "after the last 2xx, until outbox empty and consumer lag 0", seconds(drained));
        results.add("1 ingest", "filed and applied everywhere, end to end",
                String.format("%,.0f/s", ingest.operations() / (ingest.seconds() + Math.max(0, drained))));
        this.ingestRate = ingest.perSecond();
    }

    private double ingestRate;

    private void rawJdbc(BenchStack stack, List<DemoAgency> agencies, String[] bodies) throws Exception {
        RawJdbc raw = new RawJdbc(stack.jdbcUrl(RawJdbc.DATABASE));
        raw.prepare(root.resolve("submission-service/src/main/resources/db/migration"), agencies);
        List<RawJdbc.Rows> rows = RawJdbc.rows(agencies, bodies, FIRST_YEAR);
        Map<String, Double> cpuBefore = CpuAccounting.snapshot(stack);
        Load.Result a = raw.perReport(rows, options.clients());
        Map<String, Double> cpuAfter = CpuAccounting.snapshot(stack);
        Load.Result b = raw.batched(rows, options.clients(), 500);
        results.raw("rawJdbc", Map.of("perReport", a, "batched500", b));
        results.add("6 limit", "(a) raw JDBC, one transaction per report, " + options.clients() + " connections",
                String.format("%,.0f reports/s", a.perSecond()));
        // the services idle meanwhile: what (a) costs is PostgreSQL's CPU and this client's (its JDBC connections)
        results.add("6 limit", "CPU of each part during (a)", CpuAccounting.describe(cpuBefore, cpuAfter, a.seconds(),
                a.operations()).replace("a filing", "a report"));
        results.add("6 limit", "(b) raw JDBC, 500 reports a transaction", String.format("%,.0f reports/s", b.perSecond()));
        double ratio = ingestRate / a.perSecond();
        results.add("6 limit", "ingest over HTTP ÷ (a)", String.format("%.2f", ratio), "≥ 0.5", ratio >= 0.5);
    }

    private void freshness(Api api, Api dashboard, String submission, String aggregation, int year, List<DemoAgency> agencies,
                           String[] bodies, Set<Integer> heldBack) throws Exception {
        List<Integer> indices = heldBack.stream().sorted().filter(i -> bodies[i] != null).toList();
        List<DemoAgency> chosen = indices.stream().map(agencies::get).toList();
        String[] chosenBodies = indices.stream().map(i -> bodies[i]).toArray(String[]::new);
        Freshness.Result f = Freshness.run(api, dashboard, submission, aggregation, year, chosen, chosenBodies, 200,
                options.clients());
        results.raw("freshness", f);
        results.add("2 freshness", String.format("2xx → in national statistics, at %.0f/s (%,d filings)", f.achievedRate(),
                f.filings()), String.format("p50 %.0f ms, p99 %.0f ms, max %.0f ms", f.p50Millis(), f.p99Millis(), f.maxMillis()),
                "p99 ≤ 1 s", f.p99Millis() <= 1000 && f.failed() == 0);
    }

    private void reads(Api api, BenchStack stack) throws Exception {
        int year = FIRST_YEAR + YEARS - 1;
        String aggregation = stack.service("aggregation").url();
        JsonNode children = JSON.readTree(api.get(aggregation + "/api/v1/statistics/" + year + "/regions/000000/children"));
        String province = busiest(children);
        String prefecture = busiest(JSON.readTree(api.get(aggregation + "/api/v1/statistics/" + year + "/regions/" + province
                + "/children")));
        for (String[] target : List.of(new String[] {"000000", "nation"}, new String[] {province, "province"},
                new String[] {prefecture, "prefecture"})) {
            Reads.Result r = Reads.run(api, aggregation, stack.jdbcUrl("submission"), year, target[0], target[1],
                    options.reads(), READERS, options.baselineRuns());
            results.raw("reads-" + target[1], r);
            boolean nation = target[1].equals("nation");
            results.add("3 reads", target[1] + " " + target[0] + " statistics, " + READERS + " clients",
                    String.format("p50 %.2f ms, p99 %.2f ms, %,.0f req/s", r.api().p50Millis(), r.api().p99Millis(),
                            r.api().perSecond()), nation ? "p99 ≤ 10 ms" : "", !nation || r.api().p99Millis() <= 10);
            results.add("3 reads", target[1] + " aggregate over raw reports (batch baseline)",
                    String.format("p50 %.0f ms → API %.0f× faster", r.baselineP50Millis(), r.ratio()),
                    nation ? "≥ 100×" : "", !nation || r.ratio() >= 100);
        }
    }

    /** {@code --rebuild-only}: the five years filed as in a full run (nothing held back), then scenario 4 only. */
    private void rebuildOnly(BenchStack stack, Api api, Drain drain, List<DemoAgency> agencies, Path runDir, String stamp)
            throws Exception {
        String submission = stack.service("submission").url();
        for (int year = FIRST_YEAR; year < FIRST_YEAR + YEARS; year++) {
            String[] yearBodies = Bodies.forYear(agencies, year, options.seed());
            List<Integer> indices = IntStream.range(0, agencies.size()).filter(i -> yearBodies[i] != null).boxed().toList();
            int y = year;
            Load.Result load = Load.run("load " + year, indices.size(), options.clients(), Load.ThreadLocalSetup.NONE,
                    i -> api.putJson(filingUrl(submission, y, agencies.get(indices.get(i))), yearBodies[indices.get(i)]));
            results.add("load", "year " + year + " filed over HTTP", rate(load));
        }
        double drained = drain.await(1800);
        say(String.format("All five years applied everywhere (%.1f s after the last filing)", drained));
        BenchStack.Service aggregation = stack.service("aggregation");
        Rebuild.repeated(api, aggregation.url(), aggregation.process().process(), 3,
                options.jfr() ? runDir.resolve("aggregation-rebuild.jfr") : null, results);
        addMaxRss();
        hostSpeedAtEnd();
        Path md = results.write(root.resolve("bench/results"), stamp + "-rebuild");
        System.out.println();
        System.out.println(results.markdown());
        System.out.println("--rebuild-only: written: " + root.relativize(md) + " (README.md's table is left as it was).");
    }

    /** The child region with the most expected agencies. */
    private static String busiest(JsonNode children) {
        List<JsonNode> rows = new ArrayList<>();
        children.path("children").forEach(rows::add);
        return rows.stream().max((a, b) -> Long.compare(a.path("compliance").path("expected").asLong(),
                b.path("compliance").path("expected").asLong())).orElseThrow().path("region").asText();
    }

    /** The agencies whose last-year report is kept for the freshness scenario. */
    private Set<Integer> heldBack(int n) {
        List<Integer> all = new ArrayList<>(IntStream.range(0, n).boxed().toList());
        Collections.shuffle(all, new Random(options.seed()));
        return new HashSet<>(all.subList(0, Math.min(n / 4, 200 * options.freshnessSeconds())));
    }

    private void addMaxRss() {
        maxRss.forEach((name, bytes) -> results.add("5 memory", name + "-service max RSS under load",
                String.format("%.0f MB", bytes / 1e6), "≤ 300 MB", bytes <= 300e6));
    }

    private Thread rssSampler(BenchStack stack) {
        Thread t = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                stack.services().values().forEach(s -> maxRss.merge(s.name(), BenchStack.rssBytes(s.process().process()), Math::max));
                BenchStack.sleep(500);
            }
        }, "rss-sampler");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private void settings(String stamp) throws Exception {
        results.setting("started", stamp);
        results.setting("commit", Machine.commit(root));
        results.setting("machine", Machine.describe());
        results.setting("host speed at start", String.format("%,.0f RSA-2048 checks/s on one thread", Machine.cpuReference()));
        results.setting("size", options.quick() ? "quick" : "full");
        results.setting("agencies", String.format("%,d", options.agencies()));
        results.setting("years", YEARS);
        results.setting("clients", options.clients());
        results.setting("partitions", options.partitions());
        results.setting("seed", options.seed());
        results.setting("durability", "PostgreSQL fsync=on, synchronous_commit=on, full_page_writes=on; Kafka flushes"
                + " every write (log.flush.interval.messages=1), producer acks=all, idempotent");
        results.setting("service JVM options (deploy/service-jvm.options)",
                String.join(" ", ServiceProcess.deployedJvmOptionList(root)));
    }

    private void hostSpeedAtEnd() {
        results.setting("host speed at end", String.format("%,.0f RSA-2048 checks/s on one thread", Machine.cpuReference()));
    }

    private static String filingUrl(String submission, int year, DemoAgency agency) {
        return submission + "/api/v1/reports/" + year + "/" + agency.code();
    }

    private static String rate(Load.Result r) {
        return String.format("%,d in %.1f s (%,.0f/s, p99 %.0f ms, %d errors)", r.operations(), r.seconds(), r.perSecond(),
                r.p99Millis(), r.failed());
    }

    private static String seconds(double s) {
        return s < 0 ? "timed out" : String.format("%.2f s", s);
    }

    private static void require(Load.Result r, String what) {
        if (r.failed() > 0) {
            throw new IllegalStateException(what + " failed: " + r.errors());
        }
    }

    private static void say(String line) {
        System.err.println(line);
    }
}
