package org.ogi.format;

import java.time.Instant;
import java.util.UUID;

/** Envelope on {@code ogi.agencies}, key = agency code. */
public record AgencyEvent(UUID eventId, String type, Instant occurredAt, AgencyState agency) {

    public static final String UPSERTED = "AgencyUpserted";

    public static AgencyEvent upserted(AgencyState agency, Instant occurredAt) {
        return new AgencyEvent(UUID.randomUUID(), UPSERTED, occurredAt, agency);
    }
}
