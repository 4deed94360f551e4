package org.ogi.submission.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.ogi.format.Events;
import org.ogi.format.Finding;
import org.ogi.format.ParsedReport;
import org.ogi.format.ReportParser;
import org.ogi.format.ReportState;
import org.ogi.submission.domain.Report;
import org.ogi.submission.domain.ReportVersion;

/** Moves reports between their stored form (canonical JSON text) and the API's and events' forms. */
final class ReportCodec {

    private static final ObjectMapper JSON = Events.mapper();

    private ReportCodec() {
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored report body is not JSON", e);
        }
    }

    /** A stored body is canonical and was valid when filed, so parsing it again cannot fail. */
    static ParsedReport parsed(String body, int year) {
        return ReportParser.parse(tree(body), year).report()
                .orElseThrow(() -> new IllegalStateException("A stored report body no longer parses"));
    }

    static ParsedReport parsed(ReportVersion v, int year) {
        return ReportParser.parse(tree(v.body), year).report()
                .orElseThrow(() -> new IllegalStateException("Stored report no longer parses: " + v.id));
    }

    static String findingsJson(List<Finding> findings) {
        try {
            return JSON.writeValueAsString(findings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Finding> findings(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<Finding>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored findings are not JSON", e);
        }
    }

    /** The event state of a stored report (reviews and withdrawals; filing builds its own from the parsed body). */
    static ReportState state(Report r, ReportVersion v) {
        ParsedReport parsed = parsed(v, r.year);
        return new ReportState(r.agencyCode, r.regionCode, r.year, r.currentVersion, r.revision, r.status, v.format,
                v.receivedAt, r.deadline, r.onTime, parsed.cells(), findings(v.findings),
                r.reviewComment, r.reviewedBy, r.reviewedAt);
    }

    static ReportView view(Report r, ReportVersion v, String agencyName) {
        ReportView.Review review = r.reviewedAt == null ? null
                : new ReportView.Review(r.reviewedBy, r.reviewedAt, r.reviewComment);
        return new ReportView(r.agencyCode, agencyName, r.regionCode, r.year, v.version, r.currentVersion, r.revision,
                r.status, v.format, v.receivedAt, r.firstReceivedAt, r.deadline, r.onTime, v.filedBy, findings(v.findings),
                review, v.body);
    }
}
