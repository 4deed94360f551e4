package org.ogi.notification.service;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.jboss.logging.Logger;
import org.ogi.format.Deadlines;
import org.ogi.format.ReportFormat;
import org.ogi.notification.ChaseConfig;
import org.ogi.notification.domain.Channel;
import org.ogi.notification.domain.DeliveryKind;
import org.ogi.notification.domain.DeliveryStatus;
import org.ogi.notification.domain.Obligation;
import org.ogi.notification.domain.ReminderPlan;
import org.ogi.notification.domain.Stage;
import org.ogi.notification.service.DeliveryStore.Claimed;
import org.ogi.notification.service.DeliveryStore.StageKey;

/**
 * One chase run as of an instant: find the unmet obligations, pick per obligation the one stage due (and per
 * supervising office its digest), claim each in the database before sending, send, record the outcome; then retry
 * what failed earlier and is due again. Safe to run concurrently with itself on any number of instances.
 */
@ApplicationScoped
public class ChaseService {

    private static final Logger LOG = Logger.getLogger(ChaseService.class);
    private static final int RETRY_BATCH = 200;
    private static final int LISTED_ATTEMPTS = 200;

    private final ChaseConfig config;
    private final ReminderPlan plan;
    private final ObligationQueries obligations;
    private final DeliveryStore deliveries;
    private final Messages messages;
    private final EmailSender email;
    private final WebhookSender webhook;
    private final MeterRegistry registry;

    public ChaseService(ChaseConfig config, ObligationQueries obligations, DeliveryStore deliveries, Messages messages,
                        EmailSender email, WebhookSender webhook, MeterRegistry registry) {
        this.config = config;
        this.plan = new ReminderPlan(config.daysBefore(), config.sendAt(), config.firstLateDay(),
                config.escalationDay(), config.repeatEveryDays(), config.quietFrom(), config.quietUntil());
        this.obligations = obligations;
        this.deliveries = deliveries;
        this.messages = messages;
        this.email = email;
        this.webhook = webhook;
        this.registry = registry;
    }

    /** The report years chased as of {@code at}: configured, or the last closed year (plus earlier ones if asked). */
    public List<Integer> years(Instant at) {
        if (config.years().isPresent() && !config.years().get().isEmpty()) {
            return config.years().get().stream().sorted().toList();
        }
        int last = at.atZone(Deadlines.ZONE).getYear() - 1;
        return IntStream.rangeClosed(last - config.previousYears(), last)
                .filter(y -> y >= ReportFormat.FIRST_YEAR).boxed().toList();
    }

    private record ReminderDue(Obligation obligation, Stage stage, StageKey key) {
    }

    private record DigestDue(String supervisorCode, int year, java.time.LocalDate deadline, Stage stage,
                             List<Obligation> late, StageKey key) {
    }

    public ChaseSummary run(Instant at) {
        List<Integer> years = years(at);
        List<Obligation> open = obligations.unmet(years, "");
        List<ReminderDue> reminders = new ArrayList<>();
        Map<StageKey, DigestDue> digests = new LinkedHashMap<>();
        for (Obligation o : open) {
            plan.agencyStage(o, at).ifPresent(s -> reminders.add(new ReminderDue(o, s, new StageKey(
                    DeliveryKind.REMINDER, o.agency().code(), o.year(), o.deadline(), s.key()))));
            if (o.supervisorCode() != null && o.daysLate(at) > 0) {
                plan.escalation(o.deadline(), at).ifPresent(s -> {
                    StageKey key = new StageKey(DeliveryKind.DIGEST, o.supervisorCode(), o.year(), o.deadline(), s.key());
                    digests.computeIfAbsent(key, k -> new DigestDue(o.supervisorCode(), o.year(), o.deadline(), s,
                            new ArrayList<>(), k)).late().add(o);
                });
            }
        }
        List<StageKey> keys = new ArrayList<>(reminders.stream().map(ReminderDue::key).toList());
        keys.addAll(digests.keySet());
        Set<StageKey> free = keys.isEmpty() ? Set.of() : deliveries.unclaimed(keys);
        Tally tally = new Tally();
        if (plan.quiet(at)) {
            int deferred = free.size() + deliveries.retriesDue(years, at);
            LOG.infof("Chase run at %s is in quiet hours: %d sends deferred", at, deferred);
            return tally.summary(at, years, true, keys.size(), keys.size() - free.size(), deferred);
        }
        for (ReminderDue r : reminders) {
            if (free.contains(r.key())) {
                List<Claimed> claimed = deliveries.claim(messages.reminder(r.obligation(), r.stage(), at), List.of(),
                        at, true);
                claimed.forEach(c -> attempt(c, at, tally));
            }
        }
        for (DigestDue d : digests.values()) {
            if (free.contains(d.key())) {
                d.late().sort(Comparator.comparing((Obligation o) -> o.regionCode()).thenComparing(o -> o.agency().code()));
                Messages.DigestDeliveries digest = messages.digest(d.supervisorCode(), d.year(), d.deadline(), d.stage(),
                        d.late(), at);
                deliveries.claim(digest.rows(), digest.items(), at, false).forEach(c -> attempt(c, at, tally));
            }
        }
        retry(years, at, tally);
        ChaseSummary summary = tally.summary(at, years, false, keys.size(), keys.size() - free.size(), 0);
        if (summary.sent() + summary.failed() + summary.gaveUp() + summary.cancelled() > 0) {
            LOG.infof("Chase run at %s (years %s): %d due, %d sent, %d failed, %d gave up, %d retried, %d cancelled",
                    at, years, summary.stagesDue(), summary.sent(), summary.failed(), summary.gaveUp(),
                    summary.retried(), summary.cancelled());
        }
        return summary;
    }

    private void retry(List<Integer> years, Instant at, Tally tally) {
        List<Claimed> batch;
        do {
            batch = deliveries.claimRetries(years, at, config.lease(), RETRY_BATCH);
            for (Claimed c : batch) {
                tally.retried++;
                boolean stillNeeded = c.kind() == DeliveryKind.REMINDER ? !obligations.met(c.agencyCode(), c.year())
                        : deliveries.digestStillRelevant(c.id());
                if (stillNeeded) {
                    attempt(c, at, tally);
                } else {
                    deliveries.markCancelled(c.id(), "cancelled: report filed before the retry");
                    tally.record(c, DeliveryStatus.CANCELLED, null);
                }
            }
        } while (!batch.isEmpty());
    }

    private void attempt(Claimed c, Instant at, Tally tally) {
        if (c.channel() == Channel.NONE) {
            LOG.errorf("Cannot reach %s for %s %d stage %s: %s", c.agencyCode(), c.kind(), c.year(), c.stage(),
                    c.lastError());
            count(c, DeliveryStatus.GAVE_UP);
            tally.record(c, DeliveryStatus.GAVE_UP, c.lastError());
            return;
        }
        String error;
        boolean permanent;
        try {
            if (c.channel() == Channel.EMAIL) {
                email.send(messageId(c), c.recipient(), c.cc(), c.subject(), c.body());
            } else {
                webhook.send(c.recipient(), c.body(), c.deliveryKey());
            }
            deliveries.markSent(c.id(), at);
            count(c, DeliveryStatus.SENT);
            tally.record(c, DeliveryStatus.SENT, null);
            return;
        } catch (DeliveryException e) {
            error = e.getMessage();
            permanent = e.permanent();
        } catch (RuntimeException e) {
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
            permanent = false;
        }
        DeliveryStatus status = deliveries.markFailed(c.id(), at, error, permanent, config.maxAttempts(),
                config.retryBackoff(), config.maxBackoff());
        if (status == DeliveryStatus.GAVE_UP) {
            LOG.errorf("Gave up delivery %d (%s %s %d %s via %s to %s) after attempt %d: %s", c.id(), c.kind(),
                    c.agencyCode(), c.year(), c.stage(), c.channel(), c.recipient(), c.attempts() + 1, error);
        } else {
            LOG.warnf("Delivery %d (%s %s %d %s via %s to %s) failed, attempt %d, will retry: %s", c.id(), c.kind(),
                    c.agencyCode(), c.year(), c.stage(), c.channel(), c.recipient(), c.attempts() + 1, error);
        }
        count(c, status);
        tally.record(c, status, error);
    }

    /** One Message-ID per delivery row, whatever the attempt ({@link Claimed#deliveryKey}). */
    static String messageId(Claimed c) {
        return "<" + c.deliveryKey() + "@ogi.local>";
    }

    private void count(Claimed c, DeliveryStatus outcome) {
        registry.counter("ogi.notification.deliveries", "kind", c.kind().name(), "channel", c.channel().name(),
                "outcome", outcome.name()).increment();
    }

    /** Counts of one run; not shared between threads. */
    private static final class Tally {
        int sent;
        int failed;
        int gaveUp;
        int cancelled;
        int retried;
        final List<ChaseSummary.Attempt> attempts = new ArrayList<>();

        void record(Claimed c, DeliveryStatus status, String error) {
            switch (status) {
                case SENT -> sent++;
                case FAILED -> failed++;
                case GAVE_UP -> gaveUp++;
                case CANCELLED -> cancelled++;
                default -> {
                }
            }
            if (attempts.size() < LISTED_ATTEMPTS) {
                attempts.add(new ChaseSummary.Attempt(c.id(), c.kind(), c.agencyCode(), c.year(), c.stage(),
                        c.channel(), c.recipient(), status, error));
            }
        }

        ChaseSummary summary(Instant at, List<Integer> years, boolean quiet, int due, int claimed, int deferred) {
            return new ChaseSummary(at, years, quiet, due, claimed, deferred, sent, failed, gaveUp, cancelled, retried,
                    List.copyOf(attempts));
        }
    }
}
