package org.ogi.stack.fuzz;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * Sends a body of a given size to an endpoint, with a Content-Length or chunked (no length: the server only learns
 * the size by reading), and returns the answer; for the 413 tests of every service.
 */
public final class Oversized {

    /** The answer: status, content type, body text. */
    public record Answer(int status, String contentType, String text) {
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private Oversized() {
    }

    public static Answer send(URI uri, String method, String token, String contentType, int bytes, boolean chunked) {
        byte[] body = new byte[bytes];
        Arrays.fill(body, (byte) 'a');
        return send(uri, method, token, contentType, body, chunked);
    }

    /** Sends {@code body} as it is, with a Content-Length or chunked. */
    public static Answer send(URI uri, String method, String token, String contentType, byte[] body, boolean chunked) {
        int bytes = body.length;
        HttpRequest.BodyPublisher publisher = chunked
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body) {
                    // an InputStream publisher sends Transfer-Encoding: chunked
                })
                : HttpRequest.BodyPublishers.ofByteArray(body);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Content-Type", contentType).method(method, publisher);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<InputStream> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            String text;
            try (InputStream in = response.body()) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null), text);
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + uri + " with " + bytes + " bytes" + (chunked ? " (chunked)" : "")
                    + ": no answer read (" + e + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
