package org.ogi.notification.service;

import java.time.Instant;
import java.util.List;
import org.ogi.notification.domain.Channel;
import org.ogi.notification.domain.DeliveryKind;
import org.ogi.notification.domain.DeliveryStatus;

/**
 * What one run did. {@code stagesDue}: reminders and digests due as of {@code at}; {@code alreadyClaimed}: of those,
 * the ones an earlier or concurrent run had already taken; {@code deferred}: what quiet hours held back (stages and
 * retries). {@code attempts} lists every send tried (the first 200), with its outcome.
 */
public record ChaseSummary(Instant at, List<Integer> years, boolean quietHours, int stagesDue, int alreadyClaimed,
                           int deferred, int sent, int failed, int gaveUp, int cancelled, int retried,
                           List<Attempt> attempts) {

    public record Attempt(long deliveryId, DeliveryKind kind, String agencyCode, int year, String stage,
                          Channel channel, String recipient, DeliveryStatus status, String error) {
    }
}
