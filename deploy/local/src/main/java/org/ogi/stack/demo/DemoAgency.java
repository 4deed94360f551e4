package org.ogi.stack.demo;

import java.time.LocalDate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.ogi.format.AgencyKind;

/**
 * One demo agency, shaped like a row of the agency CSV import so the loader can send it as it is.
 * Null fields become empty CSV fields (= null on the server).
 */
public record DemoAgency(String code, String name, String regionCode, AgencyKind kind, String contactEmail,
                         String webhookUrl, String supervisorCode, LocalDate validFrom, LocalDate validTo) {

    public static final String CSV_HEADER =
            "code,name,regionCode,kind,contactEmail,webhookUrl,supervisorCode,validFrom,validTo";

    /** Whether the agency existed at some point of the report year (so it has a report to file). */
    public boolean activeDuring(int year) {
        return (validFrom == null || validFrom.getYear() <= year) && (validTo == null || validTo.getYear() >= year);
    }

    public String csvRow() {
        return Stream.of(code, name, regionCode, kind.name(), contactEmail, webhookUrl, supervisorCode,
                        validFrom == null ? null : validFrom.toString(), validTo == null ? null : validTo.toString())
                .map(DemoAgency::csvField)
                .collect(Collectors.joining(","));
    }

    private static String csvField(String value) {
        if (value == null) {
            return "";
        }
        if (value.contains(",") || value.contains("\"") || value.contains("\n")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }
}
