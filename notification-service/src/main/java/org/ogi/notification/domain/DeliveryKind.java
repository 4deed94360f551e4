package org.ogi.notification.domain;

/** REMINDER goes to one obliged agency; DIGEST goes to a supervising office and lists its late agencies. */
public enum DeliveryKind {
    REMINDER, DIGEST
}
