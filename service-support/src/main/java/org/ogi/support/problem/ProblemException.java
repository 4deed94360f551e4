package org.ogi.support.problem;

import java.util.List;

/** Thrown by services to answer with a problem; the mapper turns it into `application/problem+json`. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final List<Problem.Item> errors;

    public ProblemException(int status, String title, String detail, List<Problem.Item> errors) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = errors == null || errors.isEmpty() ? null : List.copyOf(errors);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "Not Found", detail, null);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "Forbidden", detail, null);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "Conflict", detail, null);
    }

    public static ProblemException unprocessable(String detail, List<Problem.Item> errors) {
        return new ProblemException(422, "Unprocessable Content", detail, errors);
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "Bad Request", detail, null);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<Problem.Item> errors() {
        return errors;
    }
}
