package org.ogi.notification.domain;

/**
 * PENDING: claimed, being sent (or its sender died; taken over after the lease). FAILED: will be retried at
 * next_attempt_at. GAVE_UP: permanently failing, reported. CANCELLED: the report arrived before a retry.
 */
public enum DeliveryStatus {
    PENDING, SENT, FAILED, GAVE_UP, CANCELLED
}
