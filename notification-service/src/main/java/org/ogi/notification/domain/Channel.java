package org.ogi.notification.domain;

/** How a message reaches its recipient. NONE records that an agency has no contact at all, so it is reported. */
public enum Channel {
    EMAIL, WEBHOOK, NONE
}
