package org.ogi.notification.messaging;

/** An event that can never be applied; thrown so the connector dead-letters it with this message as the reason. */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String message) {
        super(message);
    }
}
