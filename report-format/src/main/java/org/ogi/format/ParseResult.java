package org.ogi.format;

import java.util.List;
import java.util.Optional;

/** Outcome of {@link ReportParser#parse}: a report only when there are no errors, and every error found. */
public record ParseResult(Optional<ParsedReport> report, List<Finding> errors) {

    public ParseResult {
        errors = List.copyOf(errors);
        if (report.isPresent() && !errors.isEmpty()) {
            throw new IllegalArgumentException("a parse result with errors carries no report");
        }
    }

    public boolean ok() {
        return errors.isEmpty();
    }
}
