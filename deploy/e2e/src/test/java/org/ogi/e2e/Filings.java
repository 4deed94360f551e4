package org.ogi.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.ogi.format.AgencyCodes;
import org.ogi.format.AgencyKind;
import org.ogi.stack.Tokens;
import org.ogi.stack.demo.DemoAgency;
import org.ogi.stack.demo.DemoReports;

/**
 * What the fault tests send: agencies registered through the CSV import, and filings (PUT of a report) sent by a pool
 * of concurrent clients, each answer recorded with its status, media type, body and when it was sent and answered, so
 * a test can tell which answers fell into an outage and how long any request waited.
 */
final class Filings {

    /** One PUT; {@code amendment}: a second version of a report filed earlier in the same stream. */
    record Filing(String agencyCode, int year, String body, boolean amendment) {
    }

    /** The answer; status 0 when there was none (connection refused, timeout), with the error in {@code body}. */
    record Outcome(Filing filing, int status, String contentType, String body, long sentNanos, long answeredNanos) {
        boolean accepted() {
            return status / 100 == 2;
        }

        long millis() {
            return (answeredNanos - sentNanos) / 1_000_000;
        }
    }

    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final Tokens tokens;

    Filings(String baseUrl, Tokens tokens) {
        this.baseUrl = baseUrl;
        this.tokens = tokens;
    }

    /**
     * {@code n} departments in {@code region} that exist only during {@code year} (so no other year's statistics or
     * chase sees them), with an e-mail address; registered in one import.
     */
    List<DemoAgency> registerAgencies(String region, int year, int n, long seed, boolean onlyThatYear) {
        Random random = new Random(seed);
        java.util.Set<String> codes = new java.util.LinkedHashSet<>();
        while (codes.size() < n) {
            StringBuilder org = new StringBuilder("11").append(region);
            for (int i = 0; i < 9; i++) {
                org.append(AgencyCodes.ALPHABET.charAt(random.nextInt(AgencyCodes.ALPHABET.length())));
            }
            codes.add(AgencyCodes.withCheckCharacter(org.toString()));
        }
        java.time.LocalDate from = java.time.LocalDate.of(year, 1, 1);
        java.time.LocalDate to = onlyThatYear ? java.time.LocalDate.of(year, 12, 31) : null;
        List<DemoAgency> agencies = codes.stream().map(code -> new DemoAgency(code, "故障测试单位" + code.substring(8),
                region, AgencyKind.DEPARTMENT, mail(code), null, null, from, to)).toList();
        StringBuilder csv = new StringBuilder(DemoAgency.CSV_HEADER).append('\n');
        agencies.forEach(a -> csv.append(a.csvRow()).append('\n'));
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/agencies/import"))
                .timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + tokens.admin())
                .header("Content-Type", "text/csv; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(csv.toString(), StandardCharsets.UTF_8)).build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("agency import answered " + response.statusCode() + ": " + response.body());
        }
        return agencies;
    }

    static String mail(String code) {
        return "gkb-" + code.toLowerCase() + "@faults.ogi.local";
    }

    /**
     * Each agency's report for {@code year} from the demo's rule-satisfying generator; the first {@code amendedShare}
     * of them are amended later in the stream (a second version with other numbers).
     */
    static List<Filing> reports(List<DemoAgency> agencies, int year, long seed, double amendedShare) {
        DemoReports generator = new DemoReports(seed);
        List<DemoReports.DemoReport> reports = agencies.parallelStream().map(a -> generator.series(a).stream()
                .filter(r -> r.year() == year).findFirst().orElseThrow()).toList();
        List<Filing> filings = new ArrayList<>(reports.stream()
                .map(r -> new Filing(r.agency().code(), year, r.body().toString(), false)).toList());
        int amended = (int) Math.round(reports.size() * amendedShare);
        IntStream.range(0, amended).forEach(i -> filings.add(new Filing(reports.get(i).agency().code(), year,
                generator.amendment(reports.get(i)).toString(), true)));
        return filings;
    }

    /** One stream of filings in flight: its answers so far and, once all arrived, the list of them. */
    static final class Run {
        final AtomicInteger done = new AtomicInteger();
        CompletableFuture<List<Outcome>> outcomes;

        /** Blocks until at least {@code n} answers arrived (or all did). */
        void awaitDone(int n) {
            while (done.get() < n && !outcomes.isDone()) {
                sleep(20);
            }
        }

        List<Outcome> join() {
            return outcomes.join();
        }
    }

    /** Sends every filing with {@code clients} concurrent clients, in list order; completes when all are answered. */
    Run start(List<Filing> filings, int clients) {
        ExecutorService pool = Executors.newFixedThreadPool(clients, r -> {
            Thread t = new Thread(r, "filer");
            t.setDaemon(true);
            return t;
        });
        Run run = new Run();
        List<CompletableFuture<Outcome>> futures = filings.stream()
                .map(f -> CompletableFuture.supplyAsync(() -> {
                    Outcome o = file(f);
                    run.done.incrementAndGet();
                    return o;
                }, pool)).toList();
        run.outcomes = CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                .thenApply(v -> futures.stream().map(CompletableFuture::join).toList())
                .whenComplete((r, e) -> pool.shutdown());
        return run;
    }

    Outcome file(Filing f) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/reports/" + f.year() + "/" + f.agencyCode()))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + tokens.agency(f.agencyCode()))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(f.body(), StandardCharsets.UTF_8)).build();
        long sent = System.nanoTime();
        Outcome outcome;
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            outcome = new Outcome(f, response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body(), sent, System.nanoTime());
        } catch (IOException e) {
            outcome = new Outcome(f, 0, "", e.toString(), sent, System.nanoTime());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = new Outcome(f, 0, "", e.toString(), sent, System.nanoTime());
        }
        return outcome;
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
