package org.ogi.notification.service;

import java.time.Instant;
import java.time.LocalDate;
import org.ogi.notification.domain.Channel;
import org.ogi.notification.domain.DeliveryKind;
import org.ogi.notification.domain.DeliveryStatus;

/**
 * One row of the delivery log. {@code listedInDigest}: the row is a digest sent to the agency's supervising office
 * that named this agency, rather than a message to the agency itself.
 */
public record DeliveryView(long id, DeliveryKind kind, String agencyCode, int year, LocalDate deadline, String stage,
                           Channel channel, String recipient, String cc, String subject, String body, int daysLate,
                           DeliveryStatus status, int attempts, Instant runAt, Instant sentAt, Instant nextAttemptAt,
                           String lastError, boolean listedInDigest) {
}
