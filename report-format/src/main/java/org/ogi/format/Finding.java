package org.ogi.format;

/**
 * One problem found in a report.
 *
 * @param rule     the stable kind: "R1".."R8", "FORMAT" for a body that does not fit its format, or a quality check of
 *                 {@code org.ogi.format.narrative.QualityChecks}: NEAR_DUPLICATE, WRONG_YEAR, WRONG_DOCUMENT_TYPE,
 *                 MISSING_SECTION (and, in a legacy extraction, SIGNED_BEFORE_YEAR_END, CONFLICTING_FIGURES)
 * @param severity ERROR blocks the filing, WARNING is only recorded
 * @param cell     the dotted cell key (or path such as {@code requests.new}, or {@code format}) the finding is
 *                 about; null when it concerns the body as a whole
 * @param message  Chinese, for people, with the numbers involved
 */
public record Finding(String rule, Severity severity, String cell, String message) {

    public static final String FORMAT = "FORMAT";

    static Finding error(String rule, String cell, String message) {
        return new Finding(rule, Severity.ERROR, cell, message);
    }

    static Finding warning(String rule, String cell, String message) {
        return new Finding(rule, Severity.WARNING, cell, message);
    }
}
