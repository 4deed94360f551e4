package org.ogi.notification.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import org.jboss.logging.Logger;
import org.ogi.format.AgencyEvent;
import org.ogi.format.AgencyState;
import org.ogi.format.ReportEvent;
import org.ogi.format.ReportState;
import org.ogi.format.Topics;
import org.ogi.notification.domain.Obligation;
import org.ogi.notification.service.Jdbc.SqlArray;

/**
 * Applies a batch of events in one transaction, with the outcome each event would have had applied alone in order: a
 * report state only when its revision is newer than the one held (equal revisions: the first wins), an agency state
 * only when it is not older (equal instants: the last wins). Every event is recorded as processed in the same
 * transaction, so redelivery and replay change nothing. Per key only the state that wins is written; the rows are
 * locked and written in key order, so concurrent batches (other instances during a rebalance) do not deadlock. A report
 * that meets its obligation cancels reminder retries still waiting for it (stop the moment it arrives).
 */
@ApplicationScoped
public class StateStore {

    private static final Logger LOG = Logger.getLogger(StateStore.class);

    private final Jdbc jdbc;

    public StateStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** What a batch did: events applied, stale (not newer than the state held), duplicate (processed before). */
    public record Outcome(int applied, int stale, int duplicate) {
        public static Outcome sum(List<Outcome> outcomes) {
            return outcomes.stream().reduce(new Outcome(0, 0, 0),
                    (a, b) -> new Outcome(a.applied + b.applied, a.stale + b.stale, a.duplicate + b.duplicate));
        }
    }

    record ReportKey(String agencyCode, int year) {
        static final Comparator<ReportKey> ORDER =
                Comparator.comparing(ReportKey::agencyCode).thenComparingInt(ReportKey::year);

        static ReportKey of(ReportState s) {
            return new ReportKey(s.agencyCode(), s.year());
        }
    }

    @Transactional
    public Outcome applyReports(List<ReportEvent> events) {
        List<ReportEvent> fresh = claim(events, Topics.REPORTS, e -> e.eventId(),
                e -> Topics.reportKey(e.report().agencyCode(), e.report().year()));
        if (fresh.isEmpty()) {
            return new Outcome(0, 0, events.size());
        }
        TreeMap<ReportKey, Long> held = new TreeMap<>(ReportKey.ORDER);
        fresh.forEach(e -> held.put(ReportKey.of(e.report()), null));
        lockReports(held);
        TreeMap<ReportKey, ReportEvent> winners = new TreeMap<>(ReportKey.ORDER);
        Map<ReportKey, List<UUID>> appliedIds = new HashMap<>();
        Map<ReportKey, Long> filedRevision = new LinkedHashMap<>(); // the first applied state that meets the obligation
        List<UUID> stale = new ArrayList<>();
        for (ReportEvent e : fresh) {
            ReportState r = e.report();
            ReportKey key = ReportKey.of(r);
            Long top = held.get(key);
            if (top != null && r.revision() <= top) {
                stale.add(e.eventId());
                continue;
            }
            held.put(key, r.revision());
            winners.put(key, e);
            appliedIds.computeIfAbsent(key, k -> new ArrayList<>()).add(e.eventId());
            if (Obligation.meets(r.status())) {
                filedRevision.putIfAbsent(key, r.revision());
            }
        }
        List<ReportKey> keys = new ArrayList<>(winners.keySet());
        int[] written = jdbc.batch("""
                insert into report (agency_code, year, region_code, revision, version, status, received_at,
                                    review_comment, reviewed_by, reviewed_at, occurred_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())
                on conflict (agency_code, year) do update set region_code = excluded.region_code,
                    revision = excluded.revision, version = excluded.version, status = excluded.status,
                    received_at = excluded.received_at, review_comment = excluded.review_comment,
                    reviewed_by = excluded.reviewed_by, reviewed_at = excluded.reviewed_at,
                    occurred_at = excluded.occurred_at, updated_at = now()
                where report.revision < excluded.revision
                """, keys.stream().map(k -> {
                    ReportState r = winners.get(k).report();
                    return new Object[] {r.agencyCode(), r.year(), r.regionCode(), r.revision(), r.version(),
                            r.status(), r.receivedAt(), r.reviewComment(), r.reviewedBy(), r.reviewedAt(),
                            winners.get(k).occurredAt()};
                }).toList());
        for (int i = 0; i < keys.size(); i++) {
            if (written[i] == 0) { // a newer state arrived through another instance since the lock: all stale
                stale.addAll(appliedIds.remove(keys.get(i)));
                filedRevision.remove(keys.get(i));
            }
        }
        markStale(stale);
        cancelRetries(filedRevision);
        return new Outcome(fresh.size() - stale.size(), stale.size(), events.size() - fresh.size());
    }

    @Transactional
    public Outcome applyAgencies(List<AgencyEvent> events) {
        List<AgencyEvent> fresh = claim(events, Topics.AGENCIES, e -> e.eventId(), e -> e.agency().code());
        if (fresh.isEmpty()) {
            return new Outcome(0, 0, events.size());
        }
        TreeMap<String, Instant> held = new TreeMap<>();
        fresh.forEach(e -> held.put(e.agency().code(), null));
        jdbc.query("select code, occurred_at from agency where code = any(?) order by code for update",
                rs -> held.put(rs.getString("code"), Jdbc.instant(rs, "occurred_at")),
                new SqlArray("text", held.keySet().toArray()));
        TreeMap<String, AgencyEvent> winners = new TreeMap<>();
        Map<String, List<UUID>> appliedIds = new HashMap<>();
        List<UUID> stale = new ArrayList<>();
        for (AgencyEvent e : fresh) {
            String code = e.agency().code();
            Instant at = e.occurredAt().truncatedTo(ChronoUnit.MICROS); // what timestamptz keeps
            Instant top = held.get(code);
            if (top != null && at.isBefore(top)) {
                stale.add(e.eventId());
                continue;
            }
            held.put(code, at);
            winners.put(code, e);
            appliedIds.computeIfAbsent(code, k -> new ArrayList<>()).add(e.eventId());
        }
        List<String> codes = new ArrayList<>(winners.keySet());
        int[] written = jdbc.batch("""
                insert into agency (code, name, region_code, kind, contact_email, webhook_url, supervisor_code,
                                    valid_from, valid_to, occurred_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())
                on conflict (code) do update set name = excluded.name, region_code = excluded.region_code,
                    kind = excluded.kind, contact_email = excluded.contact_email, webhook_url = excluded.webhook_url,
                    supervisor_code = excluded.supervisor_code, valid_from = excluded.valid_from,
                    valid_to = excluded.valid_to, occurred_at = excluded.occurred_at, updated_at = now()
                where agency.occurred_at <= excluded.occurred_at
                """, codes.stream().map(code -> {
                    AgencyEvent e = winners.get(code);
                    AgencyState a = e.agency();
                    return new Object[] {a.code(), a.name(), a.regionCode(), a.kind(), blankToNull(a.contactEmail()),
                            blankToNull(a.webhookUrl()), blankToNull(a.supervisorCode()), a.validFrom(), a.validTo(),
                            e.occurredAt()};
                }).toList());
        for (int i = 0; i < codes.size(); i++) {
            if (written[i] == 0) {
                stale.addAll(appliedIds.remove(codes.get(i)));
            }
        }
        markStale(stale);
        return new Outcome(fresh.size() - stale.size(), stale.size(), events.size() - fresh.size());
    }

    /**
     * Records every event as processed; returns, in batch order, those seen for the first time (a redelivered event,
     * or the second copy of one in the batch, is left out). Claimed in event-id order so concurrent batches never
     * wait on each other in a cycle.
     */
    private <E> List<E> claim(List<E> events, String topic, Function<E, UUID> id, Function<E, String> key) {
        Map<UUID, E> firstCopies = new LinkedHashMap<>();
        events.forEach(e -> firstCopies.putIfAbsent(id.apply(e), e));
        List<E> sorted = new ArrayList<>(firstCopies.values());
        sorted.sort(Comparator.comparing(id));
        int[] inserted = jdbc.batch("""
                insert into processed_event (event_id, topic, event_key, outcome) values (?, ?, ?, 'APPLIED')
                on conflict (event_id) do nothing
                """, sorted.stream().map(e -> new Object[] {id.apply(e), topic, key.apply(e)}).toList());
        for (int i = 0; i < sorted.size(); i++) {
            if (inserted[i] == 0) {
                firstCopies.remove(id.apply(sorted.get(i)));
            }
        }
        if (firstCopies.size() < events.size()) {
            LOG.debugf("%d of %d events from %s already processed", events.size() - firstCopies.size(), events.size(),
                    topic);
        }
        return new ArrayList<>(firstCopies.values());
    }

    /** The revisions held for {@code keys}, filled in; the rows are locked (in key order) until the commit. */
    private void lockReports(TreeMap<ReportKey, Long> keys) {
        jdbc.query("""
                select r.agency_code, r.year, r.revision
                from report r join unnest(?, ?) as k(agency_code, year) using (agency_code, year)
                order by r.agency_code, r.year for update of r
                """, rs -> keys.put(new ReportKey(rs.getString(1), rs.getInt(2)), rs.getLong(3)),
                new SqlArray("text", keys.keySet().stream().map(ReportKey::agencyCode).toArray()),
                new SqlArray("int4", keys.keySet().stream().map(ReportKey::year).toArray()));
    }

    private void markStale(List<UUID> stale) {
        if (!stale.isEmpty()) {
            jdbc.update("update processed_event set outcome = 'STALE' where event_id = any(?)",
                    new SqlArray("uuid", stale.toArray()));
            LOG.debugf("%d stale events ignored", stale.size());
        }
    }

    private void cancelRetries(Map<ReportKey, Long> filedRevision) {
        List<ReportKey> keys = new ArrayList<>(filedRevision.keySet());
        int[] cancelled = jdbc.batch("""
                update delivery set status = 'CANCELLED', next_attempt_at = null,
                    last_error = coalesce(last_error || '; ', '') || ?
                where kind = 'REMINDER' and agency_code = ? and year = ? and status = 'FAILED'
                """, keys.stream().map(k -> new Object[] {"cancelled: report filed (revision " + filedRevision.get(k)
                + ")", k.agencyCode(), k.year()}).toList());
        for (int i = 0; i < keys.size(); i++) {
            if (cancelled[i] > 0) {
                LOG.infof("Report %s filed: cancelled %d reminder retries",
                        Topics.reportKey(keys.get(i).agencyCode(), keys.get(i).year()), cancelled[i]);
            }
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
