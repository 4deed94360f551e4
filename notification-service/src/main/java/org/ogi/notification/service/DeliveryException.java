package org.ogi.notification.service;

/** A message that did not go out; {@code permanent} when retrying cannot help (e.g. the robot URL is rejected). */
public class DeliveryException extends Exception {

    private final boolean permanent;

    public DeliveryException(String message, boolean permanent, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
    }

    public boolean permanent() {
        return permanent;
    }
}
