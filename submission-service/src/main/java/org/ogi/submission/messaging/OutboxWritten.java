package org.ogi.submission.messaging;

/** Fired (CDI) when events were appended to the outbox; observed after commit so the relay publishes at once. */
public record OutboxWritten(int events) {
}
