package org.ogi.aggregation.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.ogi.aggregation.domain.Compliance;
import org.ogi.aggregation.domain.Indicators;

/** The JSON shapes of the statistics API; cells are keyed by the stable flat cell keys. */
public final class Views {

    private Views() {
    }

    /**
     * One region subtree in one year.
     *
     * @param name    the region's name from the national division table (report-format), null for a code it lacks
     * @param level   NATION, PROVINCE, PREFECTURE or COUNTY, from the code's pattern
     * @param asOf    occurredAt of the newest event applied to this service's statistics (null before the first)
     * @param reports reports currently contributing to the sums (filed and not withdrawn)
     */
    public record RegionView(String region, String name, String level, int year, Instant asOf, Compliance compliance,
                             Indicators indicators, long reports, Map<String, BigDecimal> cells) {
    }

    /**
     * The children of a region in one year, and the region's own agencies (本级: those registered at the region's code
     * itself), so that {@code own} plus all {@code children} add up to the region's total. {@code path} runs from the
     * nation down to the region itself.
     */
    public record ChildrenView(String region, int year, Instant asOf, List<PathStep> path, RegionView own,
                               List<RegionView> children) {
    }

    /** A region on the way from the nation down to a region, for breadcrumbs; name null for a code not in the table. */
    public record PathStep(String region, String name, String level) {
    }

    /**
     * One agency's line for a year: either its current report or, when it has none, a NOT_FILED line if it was
     * obliged to file.
     *
     * @param expected whether the agency was obliged to file for the year (it existed on 31 December)
     * @param status   SUBMITTED, ACCEPTED, RETURNED, WITHDRAWN, or NOT_FILED
     * @param onTime   null when nothing was filed
     * @param cells    the report's cells; empty when not filed or withdrawn (a withdrawn report counts nowhere)
     */
    public record AgencyRow(String agencyCode, String name, String regionCode, String kind, boolean expected,
                            String status, Integer version, String format, Instant receivedAt, LocalDate deadline,
                            Boolean onTime, Map<String, BigDecimal> cells) {
    }

    /**
     * An obliged agency without a filed report for the year (never filed, or withdrew what it filed).
     *
     * @param status   NOT_FILED or WITHDRAWN
     * @param deadline its statutory deadline, from its kind and the year; null when the registry gives no kind
     * @param daysLate whole days past the deadline on {@code today} in Asia/Shanghai, 0 before or on it; null without
     *                 a deadline
     */
    public record MissingAgency(String agencyCode, String name, String regionCode, String regionName, String kind,
                                String status, LocalDate deadline, Long daysLate) {
    }

    /** The not-yet-filed agencies of a subtree, most overdue first; {@code total} equals compliance.missing. */
    public record MissingPage(String region, int year, LocalDate today, Instant asOf, int page, int size, long total,
                              List<MissingAgency> items) {
    }

    /** One cell of a year's format, for labelling: the stable key, its type and the national table's wording. */
    public record CellLabel(String key, String type, String label) {
    }

    public record FormatView(int year, String format, List<CellLabel> cells) {
    }

    public record AgencyPage(String region, int year, int page, int size, long total, List<AgencyRow> items) {
    }

    public record TrendPoint(int year, Compliance compliance, Indicators indicators, Map<String, BigDecimal> cells) {
    }

    public record TrendView(String region, String level, int from, int to, List<String> cells, Instant asOf,
                            List<TrendPoint> years) {
    }

    /** Result of a rebuild: whether replaying the topics gives exactly the incremental tables. */
    public record RebuildResult(boolean equal, long differenceCount, List<Difference> differences, long eventsRead,
                                long invalidEvents, boolean caughtUp, long durationMs) {
    }

    /**
     * One disagreement between the incremental tables and the replay.
     *
     * @param table region_total, report_state or agency
     * @param key   the row: "region/year", "agencyCode:year" or the agency code
     * @param field the cell key or column that differs
     */
    public record Difference(String table, String key, String field, String incremental, String rebuilt) {
    }
}
