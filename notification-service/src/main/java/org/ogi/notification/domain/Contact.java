package org.ogi.notification.domain;

/** Who receives a message: an agency with whatever channels it registered (either may be null). */
public record Contact(String code, String name, String email, String webhookUrl) {

    public boolean reachable() {
        return present(email) || present(webhookUrl);
    }

    public static boolean present(String s) {
        return s != null && !s.isBlank();
    }
}
