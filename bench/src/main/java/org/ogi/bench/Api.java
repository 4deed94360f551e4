package org.ogi.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** The services' public REST API as the benchmark calls it: HTTP/1.1 keep-alive connections shared by all threads. */
final class Api {

    private final PlainHttp http = new PlainHttp();
    private final String token;

    /** {@code token} null: anonymous, as a dashboard reads the public statistics. */
    Api(String token) {
        this.token = token;
    }

    /** Sends and returns the body; a non-2xx answer is an exception whose message says what came back. */
    String send(String method, String url, String contentType, String body, Duration timeout) throws IOException {
        Map<String, String> headers = headers();
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        return exchange(method, url, headers, body == null ? null : body.getBytes(StandardCharsets.UTF_8), timeout,
                true).text();
    }

    String get(String url) throws IOException {
        return send("GET", url, null, null, Duration.ofSeconds(30));
    }

    /**
     * Files a report. The answer (the report echoed back) is read but not kept unless it is an error: the load
     * generator shares the machine with the system, so its CPU per request is kept low.
     */
    void putJson(String url, String json) throws IOException {
        Map<String, String> headers = headers();
        headers.put("Content-Type", "application/json");
        exchange("PUT", url, headers, json.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(60), false);
    }

    private Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        return headers;
    }

    private PlainHttp.Answer exchange(String method, String url, Map<String, String> headers, byte[] body,
            Duration timeout, boolean keepSuccessBody) throws IOException {
        PlainHttp.Answer answer = http.exchange(method, url, headers, body, timeout,
                status -> keepSuccessBody || status / 100 != 2);
        if (answer.status() / 100 != 2) {
            String text = answer.text();
            throw new IOException(method + " " + URI.create(url).getPath() + " -> " + answer.status() + " "
                    + (text.length() > 300 ? text.substring(0, 300) + "…" : text));
        }
        return answer;
    }
}
