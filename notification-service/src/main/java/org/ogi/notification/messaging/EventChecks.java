package org.ogi.notification.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import org.ogi.format.AgencyCodes;
import org.ogi.format.AgencyEvent;
import org.ogi.format.AgencyState;
import org.ogi.format.Events;
import org.ogi.format.RegionCodes;
import org.ogi.format.ReportEvent;
import org.ogi.format.ReportFormat;
import org.ogi.format.ReportState;
import org.ogi.format.Topics;

/**
 * Decodes record values and refuses what could never be applied: not JSON, missing what the chase depends on, or under
 * the wrong key (compaction would keep the wrong record). Only the fields this service uses are checked; cells are
 * the aggregation service's business.
 */
public final class EventChecks {

    static final int LAST_PLAUSIBLE_YEAR = 2100;

    /**
     * Reads report events without their 200 cells and the findings, which the chase never looks at: building their
     * numbers was most of this service's work per event.
     */
    private static final ObjectReader REPORTS = Events.mapper().addMixIn(ReportState.class, WithoutFigures.class)
            .readerFor(ReportEvent.class);
    private static final ObjectReader AGENCIES = Events.mapper().readerFor(AgencyEvent.class);

    @JsonIgnoreProperties({"cells", "findings"})
    private abstract static class WithoutFigures {
    }

    private EventChecks() {
    }

    public static ReportEvent report(String key, byte[] value) {
        if (value == null) {
            throw new InvalidEventException("null value (tombstone): report events carry whole states and are never deleted");
        }
        ReportEvent event;
        try {
            event = REPORTS.readValue(value);
        } catch (IOException e) {
            throw new InvalidEventException("not a report event in JSON: " + firstLine(e.getMessage()));
        }
        if (event == null || event.eventId() == null || event.occurredAt() == null || event.report() == null) {
            throw new InvalidEventException("missing eventId, occurredAt or report");
        }
        ReportState s = event.report();
        String problem = null;
        if (!AgencyCodes.isValid(s.agencyCode())) {
            problem = "agencyCode is not a valid unified social credit code: " + s.agencyCode();
        } else if (s.year() < ReportFormat.FIRST_YEAR || s.year() > LAST_PLAUSIBLE_YEAR) {
            problem = "year " + s.year() + " is outside " + ReportFormat.FIRST_YEAR + "-" + LAST_PLAUSIBLE_YEAR;
        } else if (!Topics.reportKey(s.agencyCode(), s.year()).equals(key)) {
            problem = "record key " + key + " is not " + Topics.reportKey(s.agencyCode(), s.year());
        } else if (!RegionCodes.isWellFormed(s.regionCode())) {
            problem = "regionCode is not six digits: " + s.regionCode();
        } else if (s.revision() < 1) {
            problem = "revision must be at least 1, got " + s.revision();
        } else if (s.status() == null) {
            problem = "missing status";
        }
        if (problem != null) {
            throw new InvalidEventException(problem);
        }
        return event;
    }

    public static AgencyEvent agency(String key, byte[] value) {
        if (value == null) {
            throw new InvalidEventException("null value (tombstone): agencies are retired with validTo, never deleted");
        }
        AgencyEvent event;
        try {
            event = AGENCIES.readValue(value);
        } catch (IOException e) {
            throw new InvalidEventException("not an agency event in JSON: " + firstLine(e.getMessage()));
        }
        if (event == null || event.eventId() == null || event.occurredAt() == null || event.agency() == null) {
            throw new InvalidEventException("missing eventId, occurredAt or agency");
        }
        AgencyState a = event.agency();
        String problem = null;
        if (!AgencyCodes.isValid(a.code())) {
            problem = "agency code is not a valid unified social credit code: " + a.code();
        } else if (!a.code().equals(key)) {
            problem = "record key " + key + " is not the agency code " + a.code();
        } else if (a.name() == null || a.name().isBlank() || a.kind() == null) {
            problem = "missing name or kind";
        } else if (!RegionCodes.isWellFormed(a.regionCode())) {
            problem = "regionCode is not six digits: " + a.regionCode();
        } else if (a.validFrom() != null && a.validTo() != null && a.validTo().isBefore(a.validFrom())) {
            problem = "validTo " + a.validTo() + " is before validFrom " + a.validFrom();
        }
        if (problem != null) {
            throw new InvalidEventException(problem);
        }
        return event;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        String line = message.lines().findFirst().orElse(message);
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
