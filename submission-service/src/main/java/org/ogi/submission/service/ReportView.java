package org.ogi.submission.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.ogi.format.Finding;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.ogi.format.ReportStatus;

/**
 * A report as answered by the API: one version with the report's current status. `onTime` is decided by the first
 * filing (an on-time report amended after the deadline stays on time); `receivedAt` is this version's receipt.
 * `report` is the stored canonical JSON written out as it is: parsing it into a tree only to write it again cost
 * every filing's response a second pass over the whole report.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReportView(String agencyCode, String agencyName, String regionCode, int year, int version, int latestVersion,
        long revision, ReportStatus status, String format, Instant receivedAt, Instant firstReceivedAt, LocalDate deadline,
        boolean onTime, String filedBy, List<Finding> findings, Review review,
        @JsonRawValue @Schema(type = SchemaType.OBJECT, description = "the report as filed, canonical form") String report) {

    /** The latest review decision, if any. */
    public record Review(String reviewedBy, Instant reviewedAt, String comment) {
    }
}
