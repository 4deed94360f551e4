package org.ogi.e2e;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.ogi.format.ParsedReport;
import org.ogi.format.ReportParser;

/**
 * The statistics a region and year must show, computed from the submission database (the current version of every
 * report that counts), and the aggregation service's answer compared with it cell by cell; plus the checks that the
 * submission database holds nothing half-written and that every event left the outbox.
 */
final class GroundTruth {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** What the submission database holds for one region and year. */
    record Truth(Set<String> agencies, long reports, Map<String, BigDecimal> cells) {
    }

    /** The aggregation service's figures against the truth. */
    record Comparison(long expectedReports, long reports, List<String> differences) {
        boolean equal() {
            return expectedReports == reports && differences.isEmpty();
        }

        /** Accepted and stored but not in the statistics. */
        long lost() {
            return Math.max(0, expectedReports - reports);
        }

        /** Counted more often than stored. */
        long duplicates() {
            return Math.max(0, reports - expectedReports);
        }
    }

    private final String jdbcUrl;
    private final String aggregationUrl;

    GroundTruth(String submissionJdbcUrl, String aggregationUrl) {
        this.jdbcUrl = submissionJdbcUrl;
        this.aggregationUrl = aggregationUrl;
    }

    Truth truth(String region, int year) {
        Map<String, BigDecimal> sums = new TreeMap<>();
        Set<String> agencies = new HashSet<>();
        try (Connection c = connection(); PreparedStatement s = c.prepareStatement("""
                select r.agency_code, v.body from report r
                join report_version v on v.report_id = r.id and v.version = r.current_version
                where r.year = ? and r.region_code = ? and r.status <> 'WITHDRAWN'""")) {
            s.setInt(1, year);
            s.setString(2, region);
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    agencies.add(rows.getString(1).trim());
                    ParsedReport parsed = ReportParser.parse(JSON.readTree(rows.getString(2)), year).report()
                            .orElseThrow(() -> new IllegalStateException("stored body does not parse"));
                    parsed.cells().forEach((k, v) -> {
                        if (v != null) {
                            sums.merge(k, v, BigDecimal::add);
                        }
                    });
                }
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("could not read the submission database", e);
        }
        return new Truth(agencies, agencies.size(), sums);
    }

    Comparison compare(String region, int year) {
        Truth truth = truth(region, year);
        JsonNode view = statistics(region, year);
        List<String> differences = new ArrayList<>();
        JsonNode cells = view.path("cells");
        Set<String> keys = new TreeSet<>(truth.cells().keySet());
        cells.fieldNames().forEachRemaining(keys::add);
        for (String key : keys) {
            BigDecimal expected = truth.cells().getOrDefault(key, BigDecimal.ZERO);
            JsonNode node = cells.get(key);
            BigDecimal actual = node == null || node.isNull() ? BigDecimal.ZERO : node.decimalValue();
            if (expected.compareTo(actual) != 0) {
                differences.add(key + ": expected " + expected.toPlainString() + ", statistics " + actual.toPlainString());
            }
        }
        return new Comparison(truth.reports(), view.path("reports").asLong(-1), differences);
    }

    /**
     * Reports whose current version is missing, or whose revision does not match the number of events written for it
     * to the outbox (one event per change, in the same transaction): must be none.
     */
    List<String> halfWritten(int year) {
        List<String> bad = new ArrayList<>();
        try (Connection c = connection(); PreparedStatement s = c.prepareStatement("""
                select r.agency_code, r.revision,
                       (select count(*) from report_version v where v.report_id = r.id and v.version = r.current_version),
                       (select count(*) from outbox_event o where o.topic = 'ogi.reports'
                                                          and o.event_key = trim(r.agency_code) || ':' || r.year)
                from report r where r.year = ?""")) {
            s.setInt(1, year);
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    if (rows.getLong(3) != 1 || rows.getLong(2) != rows.getLong(4)) {
                        bad.add(rows.getString(1) + " revision " + rows.getLong(2) + ", current version rows "
                                + rows.getLong(3) + ", outbox events " + rows.getLong(4));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the submission database", e);
        }
        return bad;
    }

    /** Outbox events not yet acknowledged by the broker. */
    long unsent() {
        try (Connection c = connection(); PreparedStatement s = c.prepareStatement(
                "select count(*) from outbox_event where sent_at is null"); ResultSet rows = s.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the submission database", e);
        }
    }

    JsonNode statistics(String region, int year) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(aggregationUrl + "/api/v1/statistics/" + year
                + "/regions/" + region)).timeout(Duration.ofSeconds(30)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("statistics answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("statistics unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Connection connection() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
    }
}
