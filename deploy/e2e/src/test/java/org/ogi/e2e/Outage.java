package org.ogi.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** What a client may see while the database is down: a 503 problem in Chinese, soon, and only during the outage. */
final class Outage {

    /** After the database is back, the pools reconnect; answers still in flight then may still be refusals. */
    static final Duration GRACE = Duration.ofSeconds(10);
    /** No answer may take longer than this (the pool's acquisition timeout is 5 s). */
    static final Duration SLOWEST = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Outage() {
    }

    /** Checks every answer; returns the refused ones (to be sent again). */
    static List<Filings.Outcome> checkRefusals(List<Filings.Outcome> outcomes, long outageStart, long outageEnd) {
        for (Filings.Outcome o : outcomes) {
            assertTrue(o.millis() <= SLOWEST.toMillis(), "answered after " + o.millis() + " ms: " + o.status());
            if (o.accepted()) {
                continue;
            }
            String what = o.status() + " " + o.contentType() + " " + o.body();
            assertEquals(503, o.status(), what);
            assertTrue(o.contentType().startsWith("application/problem+json"), what);
            assertTrue(chinese(detail(o.body())), "a Chinese detail: " + what);
            assertTrue(o.answeredNanos() >= outageStart && o.answeredNanos() <= outageEnd + GRACE.toNanos(),
                    String.format("refused %.1f s after the outage began and %.1f s after it ended: %s",
                            (o.answeredNanos() - outageStart) / 1e9, (o.answeredNanos() - outageEnd) / 1e9, what));
        }
        return outcomes.stream().filter(o -> !o.accepted()).toList();
    }

    /** "status media-type detail" of a statistics read from the aggregation service, e.g. while the database is down. */
    static String statisticsStatus(FaultStack stack, String region, int year) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.aggregation.url() + "/api/v1/statistics/" + year
                + "/regions/" + region)).timeout(SLOWEST).build();
        try {
            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            String detail = r.statusCode() == 200 ? "" : detail(r.body());
            return r.statusCode() + " " + r.headers().firstValue("Content-Type").orElse("") + " " + detail
                    + (chinese(detail) ? "" : " (no Chinese detail)");
        } catch (IOException e) {
            return "no answer: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static String detail(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node.path("detail").asText("");
        } catch (IOException e) {
            return "";
        }
    }

    private static boolean chinese(String s) {
        return s.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
    }
}
