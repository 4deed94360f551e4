package org.ogi.format;

import java.util.ArrayList;
import java.util.List;

/**
 * Names of the rows, columns and groups that make up the flat cell keys. Public so that the services
 * (statistics, CSV export, indicators) compose keys from these names instead of spelling strings again.
 */
public final class Cells {

    public static final String ACTIVE_DISCLOSURE = "activeDisclosure";
    public static final String REQUESTS = "requests";
    public static final String REVIEW_AND_LITIGATION = "reviewAndLitigation";

    // Table 三 columns: the six applicant kinds and the total.
    public static final String NATURAL_PERSON = "naturalPerson";
    public static final String TOTAL = "total";
    public static final List<String> APPLICANT_TYPES =
            List.of(NATURAL_PERSON, "business", "research", "nonprofit", "legalServices", "otherOrg");
    public static final List<String> APPLICANT_COLUMNS = append(APPLICANT_TYPES, List.of(TOTAL));

    // Table 三 rows with a role in the rules and indicators.
    public static final String NEW = "new";
    public static final String CARRIED_OVER = "carriedOver";
    public static final String GRANTED = "granted";
    public static final String PARTLY_GRANTED = "partlyGranted";
    public static final String TOTAL_HANDLED = "totalHandled";
    public static final String CARRIED_FORWARD = "carriedForward";

    public static final List<String> REFUSED_ROWS = List.of("refusedStateSecret", "refusedProhibitedByLaw",
            "refusedSecurityStability", "refusedThirdPartyRights", "refusedInternalAffairs",
            "refusedProcessInformation", "refusedEnforcementFiles", "refusedInquiryMatters");
    public static final List<String> UNAVAILABLE_ROWS =
            List.of("unavailableNotHeld", "unavailableNeedsCreation", "unavailableStillUnclear");
    public static final List<String> NOT_PROCESSED_ROWS = List.of("notProcessedPetitions", "notProcessedDuplicate",
            "notProcessedPublications", "notProcessedExcessive", "notProcessedConfirmation");
    /** （六）其他处理: three rows in the 2021 format, one row {@code other} in 2019. */
    public static final List<String> OTHER_ROWS_2021 = List.of("otherNoCorrection", "otherFeeUnpaid", "otherOther");
    public static final List<String> OTHER_ROWS_2019 = List.of("other");

    /** Every outcome row that R2 sums into 三（七）总计 (21 rows in 2021, 19 in 2019). */
    public static final List<String> OUTCOME_ROWS_2021 = buildOutcomeRows(OTHER_ROWS_2021);
    public static final List<String> OUTCOME_ROWS_2019 = buildOutcomeRows(OTHER_ROWS_2019);
    public static final List<String> REQUEST_ROWS_2021 = buildRequestRows(OUTCOME_ROWS_2021);
    public static final List<String> REQUEST_ROWS_2019 = buildRequestRows(OUTCOME_ROWS_2019);

    // Table 四.
    public static final String ADMIN_REVIEW = "adminReview";
    public static final List<String> REVIEW_GROUPS = List.of(ADMIN_REVIEW, "litigationDirect", "litigationAfterReview");
    public static final String UPHELD = "upheld";
    public static final String CORRECTED = "corrected";
    public static final List<String> REVIEW_OUTCOMES = List.of(UPHELD, CORRECTED, "other", "pending");
    public static final List<String> REVIEW_COLUMNS = append(REVIEW_OUTCOMES, List.of(TOTAL));

    // Table 二 rows and fields (R7 uses the 2021 rule rows).
    public static final List<String> RULE_ROWS = List.of("rules", "normativeDocuments");
    public static final String ISSUED = "issued";
    public static final String REPEALED = "repealed";
    public static final String IN_FORCE = "inForce";
    public static final String FEES_AMOUNT_2021 = "activeDisclosure.fees.amount10kYuan";

    // Legacy (2008-2018) figures: flat top-level keys.
    public static final String LEGACY_PROACTIVE_ITEMS = "proactiveItemsPublished";
    public static final String LEGACY_APPLICATIONS = "applicationsReceived";
    public static final String LEGACY_FEES_YUAN = "feesCollectedYuan";
    public static final String LEGACY_ADMIN_REVIEWS = "adminReviewCases";
    public static final String LEGACY_LITIGATIONS = "litigationCases";
    public static final List<String> LEGACY_KEYS = List.of(LEGACY_PROACTIVE_ITEMS, LEGACY_APPLICATIONS,
            LEGACY_FEES_YUAN, LEGACY_ADMIN_REVIEWS, LEGACY_LITIGATIONS);

    private Cells() {
    }

    /** {@code requests.<row>.<column>}, e.g. {@code requests.new.naturalPerson}. */
    public static String request(String row, String column) {
        return REQUESTS + "." + row + "." + column;
    }

    /** {@code reviewAndLitigation.<group>.<column>}, e.g. {@code reviewAndLitigation.adminReview.upheld}. */
    public static String review(String group, String column) {
        return REVIEW_AND_LITIGATION + "." + group + "." + column;
    }

    /** {@code activeDisclosure.<row>.<field>}, e.g. {@code activeDisclosure.rules.issued}. */
    public static String active(String row, String field) {
        return ACTIVE_DISCLOSURE + "." + row + "." + field;
    }

    /** Table 三 rows of a tabular format in order; empty for legacy. */
    public static List<String> requestRows(ReportFormat format) {
        return switch (format) {
            case F2021 -> REQUEST_ROWS_2021;
            case F2019 -> REQUEST_ROWS_2019;
            case LEGACY -> List.of();
        };
    }

    /** The rows summed into 三（七）总计 for a tabular format; empty for legacy. */
    public static List<String> outcomeRows(ReportFormat format) {
        return switch (format) {
            case F2021 -> OUTCOME_ROWS_2021;
            case F2019 -> OUTCOME_ROWS_2019;
            case LEGACY -> List.of();
        };
    }

    private static List<String> buildOutcomeRows(List<String> otherRows) {
        List<String> rows = new ArrayList<>(List.of(GRANTED, PARTLY_GRANTED));
        rows.addAll(REFUSED_ROWS);
        rows.addAll(UNAVAILABLE_ROWS);
        rows.addAll(NOT_PROCESSED_ROWS);
        rows.addAll(otherRows);
        return List.copyOf(rows);
    }

    private static List<String> buildRequestRows(List<String> outcomeRows) {
        List<String> rows = new ArrayList<>(List.of(NEW, CARRIED_OVER));
        rows.addAll(outcomeRows);
        rows.add(TOTAL_HANDLED);
        rows.add(CARRIED_FORWARD);
        return List.copyOf(rows);
    }

    private static List<String> append(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}
