package org.ogi.format;

import java.time.LocalDate;

/**
 * The whole state of one agency as carried on {@code ogi.agencies}: whole state rather than deltas so that
 * a consumer reading the compacted topic from offset zero ends with the current registry.
 *
 * @param supervisorCode agency code of the supervising office, may be null
 * @param validTo        last day the agency exists, null while it does
 */
public record AgencyState(String code, String name, String regionCode, AgencyKind kind, String contactEmail,
                          String webhookUrl, String supervisorCode, LocalDate validFrom, LocalDate validTo) {
}
