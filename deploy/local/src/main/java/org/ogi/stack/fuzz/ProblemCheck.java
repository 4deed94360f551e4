package org.ogi.stack.fuzz;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What every answer to bad input must be: a 4xx, {@code application/problem+json}, a Chinese {@code detail}, at least
 * one of the case's names somewhere in the problem, and no Java class name or stack trace. Tallies the statuses seen.
 */
public final class ProblemCheck {

    /** A fully qualified class name, an exception type, a stack frame or a source position. */
    private static final Pattern LEAK = Pattern.compile(
            "(java|javax|jakarta|sun|com\\.fasterxml|io\\.(quarkus|vertx|smallrye|netty)|org\\.(ogi|jboss|hibernate|postgresql"
                    + "|apache|eclipse))\\.[a-z]+|[A-Za-z]+(Exception|Error)\\b|\\bat [a-z]+\\.[a-zA-Z.$]+\\(|\\.java:\\d+");
    private static final Pattern DETAIL = Pattern.compile("\"detail\"\\s*:\\s*\"([^\"]*[\\u4e00-\\u9fff][^\"]*)\"");

    private final Map<Integer, Integer> statuses = new TreeMap<>();
    private int sent;

    /** Why the answer is wrong, or empty when it is a proper refusal naming one of {@code expected.names()}. */
    public Optional<String> check(MalformedCase expected, int status, String contentType, String body) {
        sent++;
        statuses.merge(status, 1, Integer::sum);
        return answerProblem(status, contentType, body)
                .or(() -> expected.names().stream().anyMatch(body::contains) ? Optional.empty()
                        : Optional.of("names none of " + expected.names()));
    }

    /** Counts an answer judged elsewhere (e.g. a dry run's 200 that lists the error). */
    public void tally(int status) {
        sent++;
        statuses.merge(status, 1, Integer::sum);
    }

    /** The same without a name to look for (e.g. the 413 of an oversized body, a 401). */
    public static Optional<String> answerProblem(int status, String contentType, String body) {
        if (status < 400 || status >= 500) {
            return Optional.of("status " + status);
        }
        if (contentType == null || !contentType.startsWith("application/problem+json")) {
            return Optional.of("content type " + contentType);
        }
        if (!DETAIL.matcher(body).find()) {
            return Optional.of("no Chinese detail");
        }
        var leak = LEAK.matcher(body);
        if (leak.find()) {
            return Optional.of("leaks '" + leak.group() + "'");
        }
        return Optional.empty();
    }

    public int sent() {
        return sent;
    }

    /** Status → count, e.g. {400=812, 415=96, 422=2092}. */
    public Map<Integer, Integer> statuses() {
        return Map.copyOf(statuses);
    }

    public String summary(String endpoint) {
        return "FUZZ " + endpoint + ": " + sent + " requests, statuses " + new TreeMap<>(statuses);
    }
}
