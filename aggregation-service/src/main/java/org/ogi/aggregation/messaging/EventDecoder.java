package org.ogi.aggregation.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import org.ogi.format.AgencyCodes;
import org.ogi.format.AgencyEvent;
import org.ogi.format.AgencyState;
import org.ogi.format.CellDef;
import org.ogi.format.Events;
import org.ogi.format.RegionCodes;
import org.ogi.format.ReportEvent;
import org.ogi.format.ReportFormat;
import org.ogi.format.ReportState;
import org.ogi.format.ReportStatus;
import org.ogi.format.Topics;

/**
 * Turns raw record bytes into events and refuses anything the statistics could not apply exactly: an event that is not
 * JSON, lacks a field the sums depend on, names an unknown format or cell, or sits under the wrong key (compaction would
 * then keep the wrong record). Shared by the live consumers and the rebuild so both skip the same records.
 */
public final class EventDecoder {

    private static final ObjectMapper JSON = Events.mapper();
    static final int LAST_PLAUSIBLE_YEAR = 2100;

    private EventDecoder() {
    }

    public static Decoded<ReportEvent> report(String key, byte[] value) {
        if (value == null) {
            return Decoded.invalid("null value (tombstone): report events carry whole states and are never deleted");
        }
        ReportEvent event;
        try {
            event = JSON.readValue(value, ReportEvent.class);
        } catch (IOException e) {
            return Decoded.invalid("not a report event in JSON: " + firstLine(e.getMessage()));
        }
        if (event == null || event.eventId() == null || event.occurredAt() == null || event.report() == null) {
            return Decoded.invalid("missing eventId, occurredAt or report");
        }
        return Optional.ofNullable(reportProblem(key, event.report()))
                .<Decoded<ReportEvent>>map(Decoded::invalid)
                .orElseGet(() -> Decoded.ok(event));
    }

    public static Decoded<AgencyEvent> agency(String key, byte[] value) {
        if (value == null) {
            return Decoded.invalid("null value (tombstone): agencies are retired with validTo, never deleted");
        }
        AgencyEvent event;
        try {
            event = JSON.readValue(value, AgencyEvent.class);
        } catch (IOException e) {
            return Decoded.invalid("not an agency event in JSON: " + firstLine(e.getMessage()));
        }
        if (event == null || event.eventId() == null || event.occurredAt() == null || event.agency() == null) {
            return Decoded.invalid("missing eventId, occurredAt or agency");
        }
        AgencyState a = event.agency();
        String problem = null;
        if (!AgencyCodes.isValid(a.code())) {
            problem = "agency code is not a valid unified social credit code: " + a.code();
        } else if (!a.code().equals(key)) {
            problem = "record key " + key + " is not the agency code " + a.code();
        } else if (!RegionCodes.isWellFormed(a.regionCode())) {
            problem = "regionCode is not six digits: " + a.regionCode();
        } else if (a.validFrom() != null && a.validTo() != null && a.validTo().isBefore(a.validFrom())) {
            problem = "validTo " + a.validTo() + " is before validFrom " + a.validFrom();
        }
        return problem == null ? Decoded.ok(event) : Decoded.invalid(problem);
    }

    private static String reportProblem(String key, ReportState s) {
        if (!AgencyCodes.isValid(s.agencyCode())) {
            return "agencyCode is not a valid unified social credit code: " + s.agencyCode();
        }
        if (s.year() < ReportFormat.FIRST_YEAR || s.year() > LAST_PLAUSIBLE_YEAR) {
            return "year " + s.year() + " is outside " + ReportFormat.FIRST_YEAR + "-" + LAST_PLAUSIBLE_YEAR;
        }
        if (!Topics.reportKey(s.agencyCode(), s.year()).equals(key)) {
            return "record key " + key + " is not " + Topics.reportKey(s.agencyCode(), s.year());
        }
        if (!RegionCodes.isWellFormed(s.regionCode())) {
            return "regionCode is not six digits: " + s.regionCode();
        }
        if (s.revision() < 1) {
            return "revision must be at least 1, got " + s.revision();
        }
        if (s.status() == null) {
            return "missing status";
        }
        Optional<ReportFormat> format = ReportFormat.byId(s.format());
        if (format.isEmpty()) {
            return "unknown format " + s.format();
        }
        if (s.cells() == null) {
            return s.status() == ReportStatus.WITHDRAWN ? null : "missing cells";
        }
        return cellsProblem(format.get(), s.cells());
    }

    private static String cellsProblem(ReportFormat format, Map<String, BigDecimal> cells) {
        for (Map.Entry<String, BigDecimal> cell : cells.entrySet()) {
            Optional<CellDef> def = format.cell(cell.getKey());
            if (def.isEmpty()) {
                return "cell " + cell.getKey() + " is not part of format " + format.id();
            }
            if (cell.getValue() == null && format.tabular()) {
                return "cell " + cell.getKey() + " is null, which format " + format.id() + " does not allow";
            }
        }
        return null;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        String line = message.lines().findFirst().orElse(message);
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
