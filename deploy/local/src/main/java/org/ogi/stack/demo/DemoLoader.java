package org.ogi.stack.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.ogi.stack.Tokens;
import org.ogi.stack.demo.DemoPlan.Filing;
import org.ogi.stack.demo.DemoPlan.Review;

/**
 * Loads the demo into a running submission-service over its public REST API, the same way real agencies and
 * supervisors would, so the demo also exercises the API. Historical receipt times are set with the admin-only
 * {@code X-Ogi-Received-At} header. Safe to run twice: a report that already exists is only re-sent in its
 * final form (the server answers "same version", or 409 once accepted), and decided reviews are not repeated.
 *
 * <p>Usage: {@code DemoLoader <submissionUrl> <jwtKeyDir>}; exit status 1 if any request failed.
 */
public final class DemoLoader {

    static final String RECEIVED_AT_HEADER = "X-Ogi-Received-At";
    private static final int THREADS = 4;
    private static final int ATTEMPTS = 3;

    private final String baseUrl;
    private final Tokens tokens;
    private final String adminToken;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper mapper = new ObjectMapper();
    private final Queue<String> failures = new ConcurrentLinkedQueue<>();
    private final Map<String, String> statusBefore = new ConcurrentHashMap<>();
    private final AtomicInteger filed = new AtomicInteger();
    private final AtomicInteger resent = new AtomicInteger();
    private final AtomicInteger amended = new AtomicInteger();
    private final AtomicInteger reviewed = new AtomicInteger();
    private final AtomicInteger reviewsSkipped = new AtomicInteger();

    DemoLoader(String baseUrl, Tokens tokens) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.tokens = tokens;
        this.adminToken = tokens.admin();
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: DemoLoader <submissionUrl> <jwtKeyDir>");
            System.exit(2);
        }
        int status = new DemoLoader(args[0], Tokens.inDirectory(Path.of(args[1]))).run();
        System.exit(status);
    }

    /** Loads everything; returns the process exit status (0 = every request answered as expected). */
    int run() throws Exception {
        long started = System.nanoTime();
        DemoData data = DemoData.standard();
        DemoPlan plan = new DemoPlan(data, new DemoReports(data.seed()));

        HttpResponse<String> imported = send("POST", "/api/v1/agencies/import", adminToken,
                "text/csv; charset=UTF-8", data.toCsv(), null);
        if (imported == null || imported.statusCode() / 100 != 2) {
            fail("POST /api/v1/agencies/import", imported);
            return report(data, plan, started);
        }

        Map<String, List<Filing>> byAgency = new LinkedHashMap<>();
        plan.filings().forEach(f -> byAgency.computeIfAbsent(f.agency().code(), k -> new ArrayList<>()).add(f));
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> done = new ArrayList<>();
            // one task per agency: its years go in order, so each filing sees last year's report (R6/R7)
            byAgency.values().forEach(list -> done.add(pool.submit(() -> list.forEach(this::file))));
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        plan.reviews().forEach(this::review);
        return report(data, plan, started);
    }

    private void file(Filing filing) {
        String path = "/api/v1/reports/" + filing.year() + "/" + filing.agency().code();
        HttpResponse<String> existing = send("GET", path, tokens.agency(filing.agency().code()), null, null, null);
        if (existing == null || (existing.statusCode() != 200 && existing.statusCode() != 404)) {
            fail("GET " + path, existing);
            return;
        }
        if (existing.statusCode() == 200) {
            statusBefore.put(path, statusOf(existing.body()));
            HttpResponse<String> again = put(path, filing.finalBody(), filing.finalReceivedAt());
            if (again != null && (again.statusCode() / 100 == 2 || again.statusCode() == 409)) {
                resent.incrementAndGet();
            } else {
                fail("PUT " + path + " (re-send)", again);
            }
            return;
        }
        HttpResponse<String> first = put(path, filing.report().body(), filing.receivedAt());
        if (first == null || first.statusCode() / 100 != 2) {
            fail("PUT " + path, first);
            return;
        }
        filed.incrementAndGet();
        if (filing.amendment().isPresent()) {
            HttpResponse<String> second = put(path, filing.amendment().get(), filing.amendedAt().orElseThrow());
            if (second != null && second.statusCode() / 100 == 2) {
                amended.incrementAndGet();
            } else {
                fail("PUT " + path + " (amendment)", second);
            }
        }
    }

    /** Reviews a report only when this run filed it, or it is still waiting (SUBMITTED): decisions are not repeated. */
    private void review(Review review) {
        String path = "/api/v1/reports/" + review.year() + "/" + review.agencyCode();
        String before = statusBefore.get(path);
        if (before != null && !before.equals("SUBMITTED")) {
            reviewsSkipped.incrementAndGet();
            return;
        }
        ObjectNode body = mapper.createObjectNode().put("decision", review.decision()).put("comment", review.comment());
        HttpResponse<String> response = send("POST", path + "/review", tokens.supervisor(review.supervisorRegion()),
                "application/json", body.toString(), null);
        if (response != null && response.statusCode() / 100 == 2) {
            reviewed.incrementAndGet();
        } else if (response != null && response.statusCode() == 409) {
            reviewsSkipped.incrementAndGet();
        } else {
            fail("POST " + path + "/review " + review.decision(), response);
        }
    }

    private HttpResponse<String> put(String path, ObjectNode body, Instant receivedAt) {
        return send("PUT", path, adminToken, "application/json", body.toString(), receivedAt);
    }

    /** One request with a few retries on connection errors; null when it never got an answer. */
    private HttpResponse<String> send(String method, String path, String token, String contentType, String body,
                                      Instant receivedAt) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (receivedAt != null) {
            request.header(RECEIVED_AT_HEADER, receivedAt.toString());
        }
        IOException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                last = e;
                sleep(attempt * 1000L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        failures.add(method + " " + path + " -> no answer: " + last);
        return null;
    }

    private String statusOf(String json) {
        try {
            JsonNode status = mapper.readTree(json).get("status");
            return status == null || status.isNull() ? "" : status.asText();
        } catch (IOException e) {
            return "";
        }
    }

    private void fail(String what, HttpResponse<String> response) {
        if (response != null) {
            String body = response.body();
            failures.add(what + " -> " + response.statusCode() + " " + (body.length() > 600 ? body.substring(0, 600) + "…" : body));
        }
    }

    private int report(DemoData data, DemoPlan plan, long started) {
        System.out.printf("demo: %d agencies; %d reports planned (%d agency-years left unfiled on purpose)%n",
                data.agencies().size(), plan.filings().size(), plan.missing());
        System.out.printf("demo: reports filed %d, re-sent unchanged %d, amendments %d, reviews %d (already decided %d)"
                + " in %.1f s%n", filed.get(), resent.get(), amended.get(), reviewed.get(), reviewsSkipped.get(),
                (System.nanoTime() - started) / 1e9);
        data.byName("随州市工商局").ifPresent(a -> {
            System.out.println("demo: example agency " + a.name() + " " + a.code() + "; a token for it:");
            System.out.println("  deploy/local/run.sh token agency " + a.code());
        });
        if (failures.isEmpty()) {
            return 0;
        }
        System.err.println("demo: " + failures.size() + " request(s) failed:");
        failures.forEach(f -> System.err.println("  " + f));
        return 1;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
