package org.ogi.notification.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.ogi.format.Deadlines;
import org.ogi.notification.ChaseConfig;
import org.ogi.notification.domain.Channel;
import org.ogi.notification.domain.Contact;
import org.ogi.notification.domain.DeliveryKind;
import org.ogi.notification.domain.Obligation;
import org.ogi.notification.domain.Stage;
import org.ogi.notification.service.DeliveryStore.DigestItem;
import org.ogi.notification.service.DeliveryStore.NewDelivery;
import org.ogi.notification.service.MessageRenderer.Digest;
import org.ogi.notification.service.MessageRenderer.DigestRow;
import org.ogi.notification.service.MessageRenderer.Reminder;

/**
 * Turns a due stage into one delivery per channel the recipient registered, rendered once and stored with the claim,
 * so the log shows exactly what went out and a retry resends the same text. A recipient with no channel still gets a
 * row (channel NONE), so that the gap is reported instead of silently skipped.
 */
@ApplicationScoped
public class Messages {

    private final MessageRenderer renderer;
    private final WebhookSender webhook;
    private final ChaseConfig config;

    public Messages(MessageRenderer renderer, WebhookSender webhook, ChaseConfig config) {
        this.renderer = renderer;
        this.webhook = webhook;
        this.config = config;
    }

    /** The rows of a digest and the agencies it lists. */
    public record DigestDeliveries(List<NewDelivery> rows, List<DigestItem> items) {
    }

    public List<NewDelivery> reminder(Obligation o, Stage stage, Instant at) {
        Contact agency = o.agency();
        Contact supervisor = o.supervisor();
        boolean copy = stage.copySupervisor() && supervisor != null && Contact.present(supervisor.email());
        long daysLate = o.daysLate(at);
        long daysLeft = Math.max(0, ChronoUnit.DAYS.between(at.atZone(Deadlines.ZONE).toLocalDate(), o.deadline()));
        String deadline = MessageRenderer.dateText(o.deadline());
        Reminder model = new Reminder(
                MessageRenderer.subject(stage.kind(), agency.name(), o.year(), deadline, daysLate, daysLeft),
                agency.name(), agency.code(), o.year(), deadline, stage.kind(), daysLate, daysLeft, o.statusText(),
                o.reviewComment(), supervisor == null ? o.supervisorCode() : supervisor.name(), copy,
                filingUrl(o.year(), agency.code()));
        MessageRenderer.Rendered text = renderer.reminder(model);
        return rows(DeliveryKind.REMINDER, agency, o.year(), o.deadline(), stage, copy ? supervisor.email() : null,
                text, daysLate);
    }

    public DigestDeliveries digest(String supervisorCode, int year, LocalDate deadline, Stage stage,
                                   List<Obligation> late, Instant at) {
        Contact supervisor = late.get(0).supervisor();
        if (supervisor == null) {
            supervisor = new Contact(supervisorCode, supervisorCode, null, null);
        }
        List<DigestRow> rows = new ArrayList<>();
        List<DigestItem> items = new ArrayList<>();
        for (Obligation o : late) {
            long daysLate = o.daysLate(at);
            rows.add(new DigestRow(rows.size() + 1, o.agency().name(), o.agency().code(), o.regionCode(), daysLate,
                    o.statusText(), o.reviewComment()));
            items.add(new DigestItem(o.agency().code(), o.year(), daysLate));
        }
        Digest model = new Digest(MessageRenderer.digestSubject(year, rows.size()), supervisor.name(), year,
                MessageRenderer.dateText(deadline), rows);
        long maxLate = items.stream().mapToLong(DigestItem::daysLate).max().orElse(0);
        return new DigestDeliveries(
                rows(DeliveryKind.DIGEST, supervisor, year, deadline, stage, null, renderer.digest(model), maxLate),
                items);
    }

    private List<NewDelivery> rows(DeliveryKind kind, Contact to, int year, LocalDate deadline, Stage stage, String cc,
                                   MessageRenderer.Rendered text, long daysLate) {
        List<NewDelivery> rows = new ArrayList<>();
        if (Contact.present(to.email())) {
            rows.add(new NewDelivery(kind, to.code(), year, deadline, stage.key(), Channel.EMAIL, to.email().strip(), cc,
                    text.subject(), text.html(), daysLate));
        }
        if (Contact.present(to.webhookUrl())) {
            rows.add(new NewDelivery(kind, to.code(), year, deadline, stage.key(), Channel.WEBHOOK,
                    to.webhookUrl().strip(), null, text.subject(), webhook.payload(text.subject(), text.markdown()),
                    daysLate));
        }
        if (rows.isEmpty()) {
            rows.add(new NewDelivery(kind, to.code(), year, deadline, stage.key(), Channel.NONE, null, null,
                    text.subject(), text.html(), daysLate));
        }
        return rows;
    }

    private String filingUrl(int year, String agencyCode) {
        return config.filingUrl().replace("{year}", Integer.toString(year)).replace("{agencyCode}", agencyCode);
    }
}
