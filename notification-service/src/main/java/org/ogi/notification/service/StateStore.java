package org.ogi.notification.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.ogi.format.AgencyEvent;
import org.ogi.format.AgencyState;
import org.ogi.format.ReportEvent;
import org.ogi.format.ReportState;
import org.ogi.format.Topics;
import org.ogi.notification.domain.Obligation;

/**
 * Applies events idempotently: a report state only when its revision is newer than the one held, an agency state only
 * when it is not older, each in the same transaction as the processed-event record, so redelivery and replay change
 * nothing. A report that meets its obligation cancels retries still waiting for it (stop the moment it arrives).
 */
@ApplicationScoped
public class StateStore {

    private static final Logger LOG = Logger.getLogger(StateStore.class);

    private final Jdbc jdbc;

    public StateStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    public boolean applyAgency(AgencyEvent event) {
        if (!firstSight(event.eventId(), Topics.AGENCIES, event.agency().code())) {
            return false;
        }
        AgencyState a = event.agency();
        int changed = jdbc.update("""
                insert into agency (code, name, region_code, kind, contact_email, webhook_url, supervisor_code,
                                    valid_from, valid_to, occurred_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())
                on conflict (code) do update set name = excluded.name, region_code = excluded.region_code,
                    kind = excluded.kind, contact_email = excluded.contact_email, webhook_url = excluded.webhook_url,
                    supervisor_code = excluded.supervisor_code, valid_from = excluded.valid_from,
                    valid_to = excluded.valid_to, occurred_at = excluded.occurred_at, updated_at = now()
                where agency.occurred_at <= excluded.occurred_at
                """, a.code(), a.name(), a.regionCode(), a.kind(), blankToNull(a.contactEmail()),
                blankToNull(a.webhookUrl()), blankToNull(a.supervisorCode()), a.validFrom(), a.validTo(),
                event.occurredAt());
        return outcome(event.eventId(), changed == 1, "agency " + a.code());
    }

    @Transactional
    public boolean applyReport(ReportEvent event) {
        ReportState r = event.report();
        String key = Topics.reportKey(r.agencyCode(), r.year());
        if (!firstSight(event.eventId(), Topics.REPORTS, key)) {
            return false;
        }
        int changed = jdbc.update("""
                insert into report (agency_code, year, region_code, revision, version, status, received_at,
                                    review_comment, reviewed_by, reviewed_at, occurred_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())
                on conflict (agency_code, year) do update set region_code = excluded.region_code,
                    revision = excluded.revision, version = excluded.version, status = excluded.status,
                    received_at = excluded.received_at, review_comment = excluded.review_comment,
                    reviewed_by = excluded.reviewed_by, reviewed_at = excluded.reviewed_at,
                    occurred_at = excluded.occurred_at, updated_at = now()
                where report.revision < excluded.revision
                """, r.agencyCode(), r.year(), r.regionCode(), r.revision(), r.version(), r.status(), r.receivedAt(),
                r.reviewComment(), r.reviewedBy(), r.reviewedAt(), event.occurredAt());
        boolean applied = outcome(event.eventId(), changed == 1, "report " + key + " revision " + r.revision());
        if (applied && Obligation.meets(r.status())) {
            int cancelled = jdbc.update("""
                    update delivery set status = 'CANCELLED', next_attempt_at = null,
                        last_error = coalesce(last_error || '; ', '') || ?
                    where kind = 'REMINDER' and agency_code = ? and year = ? and status = 'FAILED'
                    """, "cancelled: report filed (revision " + r.revision() + ")", r.agencyCode(), r.year());
            if (cancelled > 0) {
                LOG.infof("Report %s filed: cancelled %d reminder retries", key, cancelled);
            }
        }
        return applied;
    }

    private boolean firstSight(java.util.UUID eventId, String topic, String key) {
        int inserted = jdbc.update("""
                insert into processed_event (event_id, topic, event_key, outcome) values (?, ?, ?, 'APPLIED')
                on conflict (event_id) do nothing
                """, eventId, topic, key);
        if (inserted == 0) {
            LOG.debugf("Event %s (%s %s) already processed", eventId, topic, key);
        }
        return inserted == 1;
    }

    private boolean outcome(java.util.UUID eventId, boolean applied, String what) {
        if (!applied) {
            jdbc.update("update processed_event set outcome = 'STALE' where event_id = ?", eventId);
            LOG.debugf("Stale %s ignored", what);
        }
        return applied;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
