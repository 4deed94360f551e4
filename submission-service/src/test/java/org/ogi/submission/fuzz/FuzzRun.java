package org.ogi.submission.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.RestAssured;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.ogi.stack.fuzz.MalformedCase;
import org.ogi.stack.fuzz.ProblemCheck;

/**
 * Sends malformed cases to one endpoint (raw bytes and content types, over java.net.http so that nothing is
 * re-encoded) and checks each answer with {@link ProblemCheck}; at the end asserts that none was wrong and that no
 * table gained a row. Prints the figures the README's reliability section quotes.
 */
final class FuzzRun {

    /** An answer: status, content type and body text. */
    record Answer(int status, String contentType, String text) {
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final String endpoint;
    private final ProblemCheck check = new ProblemCheck();
    private final List<String> wrong = new ArrayList<>();
    private final Map<String, Long> before = StoredRows.count();

    FuzzRun(String endpoint) {
        this.endpoint = endpoint;
    }

    /** Sends {@code c} as {@code method rawPath} (already percent-encoded) with the body and content type it carries. */
    Answer send(String token, MalformedCase c, String method, String rawPath) {
        return send(token, c, method, rawPath, null);
    }

    /** As above; a 200 is right only where {@code listsTheError} says so (a dry run lists what a filing would refuse). */
    Answer send(String token, MalformedCase c, String method, String rawPath, Predicate<Answer> listsTheError) {
        Answer answer = exchange(token, c, method, rawPath);
        if (listsTheError != null && answer.status() == 200) {
            check.tally(200);
            record(c, listsTheError.test(answer) ? Optional.empty() : Optional.of("200 without the error"), answer);
        } else {
            record(c, check.check(c, answer.status(), answer.contentType(), answer.text()), answer);
        }
        return answer;
    }

    static Answer exchange(String token, MalformedCase c, String method, String rawPath) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + rawPath))
                .header("Authorization", "Bearer " + token);
        if (c.body() != null) {
            request.header("Content-Type", c.contentType()).method(method, HttpRequest.BodyPublishers.ofByteArray(c.body()));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    response.body());
        } catch (IOException e) {
            throw new IllegalStateException(c.defect() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void record(MalformedCase c, Optional<String> problem, Answer answer) {
        problem.ifPresent(p -> {
            if (wrong.size() < 12) {
                String text = answer.text();
                wrong.add(c.defect() + " -> " + p + ": " + answer.status() + " "
                        + (text.length() > 400 ? text.substring(0, 400) : text));
            }
        });
    }

    void assertAllRefusedAndNothingStored(int expected) {
        System.out.println(check.summary(endpoint));
        assertTrue(wrong.isEmpty(), endpoint + ": answers that are not a proper refusal:\n" + String.join("\n", wrong));
        assertEquals(expected, check.sent());
        assertEquals(before, StoredRows.count(), endpoint + ": rows stored by refused requests");
    }
}
