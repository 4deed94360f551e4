package org.ogi.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The services' public REST API as the benchmark calls it: one HTTP/1.1 client with keep-alive, shared by all threads. */
final class Api {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String token;

    /** {@code token} null: anonymous, as a dashboard reads the public statistics. */
    Api(String token) {
        this.token = token;
    }

    /** Sends and returns the body; a non-2xx answer is an exception whose message says what came back. */
    String send(String method, String url, String contentType, String body, Duration timeout) throws IOException {
        HttpRequest.Builder request = request(url, timeout).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return exchange(method, url, request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    String get(String url) throws IOException {
        return send("GET", url, null, null, Duration.ofSeconds(30));
    }

    /**
     * Files a report. The answer (the report echoed back) is read but not decoded unless it is an error: the load
     * generator shares the machine with the system, so its CPU per request is kept low.
     */
    void putJson(String url, String json) throws IOException {
        HttpRequest.Builder request = request(url, Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(json.getBytes(StandardCharsets.UTF_8)));
        exchange("PUT", url, request, info -> info.statusCode() / 100 == 2 ? HttpResponse.BodySubscribers.replacing(null)
                : HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8));
    }

    private HttpRequest.Builder request(String url, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    private String exchange(String method, String url, HttpRequest.Builder request,
            HttpResponse.BodyHandler<String> handler) throws IOException {
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (response.statusCode() / 100 != 2) {
            String text = response.body();
            throw new IOException(method + " " + URI.create(url).getPath() + " -> " + response.statusCode() + " "
                    + (text.length() > 300 ? text.substring(0, 300) + "…" : text));
        }
        return response.body();
    }
}
