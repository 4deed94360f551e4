package org.ogi.notification.service;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import jakarta.enterprise.context.ApplicationScoped;

/** E-mail through Quarkus Mailer's blocking API: the chase runs on worker threads and needs each outcome at once. */
@ApplicationScoped
public class EmailSender {

    private final Mailer mailer;

    public EmailSender(Mailer mailer) {
        this.mailer = mailer;
    }

    /**
     * {@code messageId}: the same for every attempt of one delivery, so a message sent again after a crash (the server
     * took it, the process died before the outcome was recorded) is the same message to the receiving mail system.
     */
    public void send(String messageId, String to, String cc, String subject, String html) throws DeliveryException {
        Mail mail = Mail.withHtml(to, subject, html);
        mail.addHeader("Message-ID", messageId);
        if (cc != null && !cc.isBlank()) {
            mail.addCc(cc);
        }
        try {
            mailer.send(mail);
        } catch (RuntimeException e) {
            throw new DeliveryException("SMTP: " + describe(e), false, e);
        }
    }

    private static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = e; c != null && sb.length() < 500; c = c.getCause()) {
            if (!sb.isEmpty()) {
                sb.append(" <- ");
            }
            sb.append(c.getClass().getSimpleName()).append(": ").append(c.getMessage());
        }
        return sb.toString();
    }
}
