package org.ogi.notification.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ogi.notification.domain.Channel;
import org.ogi.notification.domain.DeliveryKind;
import org.ogi.notification.domain.DeliveryStatus;

/**
 * The delivery table: claims, outcomes and retries, each in its own short transaction so that a claim is visible to
 * every other run before anything is sent, and an outcome is recorded even if the rest of the run fails.
 * Plan-clock columns (run_at, next_attempt_at, sent_at) follow the run's instant, so a rehearsed season reads like a real
 * one; claimed_at is the real clock, because the lease protects against a sender that really died.
 */
@ApplicationScoped
public class DeliveryStore {

    /** What is to be sent on one channel; {@code channel} NONE records an agency that cannot be reached. */
    public record NewDelivery(DeliveryKind kind, String agencyCode, int year, LocalDate dueDate, String stage,
                              Channel channel, String recipient, String cc, String subject, String body, long daysLate) {
    }

    /** An agency listed in a digest. */
    public record DigestItem(String agencyCode, int year, long daysLate) {
    }

    /** A claimed (or re-claimed) row, ready to send. */
    public record Claimed(long id, DeliveryKind kind, String agencyCode, int year, String stage, Channel channel,
                          String recipient, String cc, String subject, String body, int attempts, DeliveryStatus status,
                          String lastError) {

        /**
         * The identity of this delivery for its receiver, the same on every attempt (a retry after a timeout, a resend
         * after a crash) and different for every other delivery: kind, agency or office, year, stage and row id (the
         * row is unique per kind, agency, year, deadline, stage and channel). The e-mail's Message-ID and the
         * webhook's {@code Idempotency-Key}.
         */
        public String deliveryKey() {
            return String.join(".", kind.name(), agencyCode, Integer.toString(year), stage, Long.toString(id))
                    .replaceAll("[^A-Za-z0-9._-]", "_");
        }
    }

    /** The identity of a stage, whatever the channel. */
    public record StageKey(DeliveryKind kind, String agencyCode, int year, LocalDate dueDate, String stage) {
    }

    private static final int CHUNK = 5000;
    private static final String NO_CHANNEL = "no e-mail address or webhook registered for this agency";
    private static final String CLAIMED_COLUMNS =
            "id, kind, agency_code, year, stage, channel, recipient, cc, subject, body, attempts, status, last_error";

    private final Jdbc jdbc;

    public DeliveryStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** The keys, among {@code keys}, that no run has claimed yet (on any channel). */
    @Transactional(TxType.REQUIRES_NEW)
    public Set<StageKey> unclaimed(List<StageKey> keys) {
        Set<StageKey> out = new HashSet<>();
        for (int from = 0; from < keys.size(); from += CHUNK) {
            List<StageKey> chunk = keys.subList(from, Math.min(keys.size(), from + CHUNK));
            List<Integer> free = jdbc.query("""
                    select k.i from unnest(?::text[], ?::text[], ?::int[], ?::text[]::date[], ?::text[])
                        with ordinality as k(kind, agency_code, year, due_date, stage, i)
                    where not exists (select 1 from delivery d where d.kind = k.kind and d.agency_code = k.agency_code
                        and d.year = k.year and d.due_date = k.due_date and d.stage = k.stage)
                    """, rs -> rs.getInt(1),
                    new Jdbc.SqlArray("text", chunk.stream().map(k -> k.kind().name()).toArray()),
                    new Jdbc.SqlArray("text", chunk.stream().map(StageKey::agencyCode).toArray()),
                    new Jdbc.SqlArray("int4", chunk.stream().map(StageKey::year).toArray()),
                    new Jdbc.SqlArray("text", chunk.stream().map(k -> k.dueDate().toString()).toArray()),
                    new Jdbc.SqlArray("text", chunk.stream().map(StageKey::stage).toArray()));
            free.forEach(i -> out.add(chunk.get(i - 1)));
        }
        return out;
    }

    /**
     * Claims every channel of one stage at once (INSERT ... ON CONFLICT DO NOTHING) and commits before anything is
     * sent. Returns the rows this call inserted: empty when another run got there first, or when a reminder's report
     * arrived meanwhile ({@code unlessMet}). A NONE channel is stored as GAVE_UP at once.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public List<Claimed> claim(List<NewDelivery> rows, List<DigestItem> items, Instant runAt, boolean unlessMet) {
        if (rows.isEmpty()) {
            return List.of();
        }
        NewDelivery first = rows.get(0);
        if (unlessMet && !jdbc.query("select 1 from report where agency_code = ? and year = ? "
                + "and status in ('SUBMITTED', 'ACCEPTED')", rs -> 1, first.agencyCode(), first.year()).isEmpty()) {
            return List.of();
        }
        List<Claimed> claimed = new ArrayList<>();
        for (NewDelivery d : rows) {
            boolean unreachable = d.channel() == Channel.NONE;
            claimed.addAll(jdbc.query("""
                    insert into delivery (kind, agency_code, year, due_date, stage, channel, recipient, cc, subject, body,
                                          days_late, status, attempts, run_at, claimed_at, last_error)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, now(), ?)
                    on conflict on constraint delivery_once do nothing
                    returning\s""" + CLAIMED_COLUMNS, DeliveryStore::claimed,
                    d.kind(), d.agencyCode(), d.year(), d.dueDate(), d.stage(), d.channel(), d.recipient(), d.cc(),
                    d.subject(), d.body(), Math.toIntExact(d.daysLate()),
                    unreachable ? DeliveryStatus.GAVE_UP : DeliveryStatus.PENDING, runAt,
                    unreachable ? NO_CHANNEL : null));
        }
        for (Claimed c : claimed) {
            for (DigestItem item : items) {
                jdbc.update("insert into digest_item (delivery_id, agency_code, year, days_late) values (?, ?, ?, ?)",
                        c.id(), item.agencyCode(), item.year(), Math.toIntExact(item.daysLate()));
            }
        }
        return claimed;
    }

    /**
     * Takes over failed rows whose retry time has come and claimed rows whose sender vanished (lease expired), locking
     * them with SKIP LOCKED so that concurrent runs split them instead of both sending.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public List<Claimed> claimRetries(List<Integer> years, Instant at, Duration lease, int limit) {
        return jdbc.query("""
                update delivery set status = 'PENDING', claimed_at = now()
                where id in (select id from delivery
                             where year = any(?::int[])
                               and ((status = 'FAILED' and next_attempt_at <= ?)
                                    or (status = 'PENDING' and claimed_at < now() - make_interval(secs => ?::float8)))
                             order by id limit ? for update skip locked)
                returning\s""" + CLAIMED_COLUMNS, DeliveryStore::claimed,
                new Jdbc.SqlArray("int4", years.toArray()), at, (double) lease.toSeconds(), limit);
    }

    /** How many retries are waiting for {@code at}, for the summary of a run in quiet hours. */
    @Transactional(TxType.REQUIRES_NEW)
    public int retriesDue(List<Integer> years, Instant at) {
        return jdbc.query("select count(*) from delivery where year = any(?::int[]) and status = 'FAILED' "
                + "and next_attempt_at <= ?", rs -> rs.getInt(1), new Jdbc.SqlArray("int4", years.toArray()), at).get(0);
    }

    @Transactional(TxType.REQUIRES_NEW)
    public void markSent(long id, Instant at) {
        jdbc.update("""
                update delivery set status = 'SENT', attempts = attempts + 1, last_attempt_at = ?, sent_at = ?,
                    next_attempt_at = null
                where id = ?
                """, at, at, id);
    }

    /**
     * Records a failed attempt: GAVE_UP when the error is permanent or the attempts are used up, otherwise FAILED with
     * the next attempt after an exponential backoff (base, 2×base, 4×base ..., capped).
     */
    @Transactional(TxType.REQUIRES_NEW)
    public DeliveryStatus markFailed(long id, Instant at, String error, boolean permanent, int maxAttempts,
                                     Duration backoff, Duration maxBackoff) {
        return jdbc.query("""
                update delivery set attempts = attempts + 1, last_attempt_at = ?, last_error = ?,
                    status = case when ?::boolean or attempts + 1 >= ? then 'GAVE_UP' else 'FAILED' end,
                    next_attempt_at = case when ?::boolean or attempts + 1 >= ? then null
                        else ?::timestamptz + make_interval(secs => least(?::float8, ?::float8 * power(2, attempts))) end
                where id = ?
                returning status
                """, rs -> DeliveryStatus.valueOf(rs.getString(1)),
                at, truncate(error), permanent, maxAttempts, permanent, maxAttempts, at,
                (double) maxBackoff.toSeconds(), (double) backoff.toSeconds(), id).get(0);
    }

    @Transactional(TxType.REQUIRES_NEW)
    public void markCancelled(long id, String reason) {
        jdbc.update("update delivery set status = 'CANCELLED', next_attempt_at = null, "
                + "last_error = coalesce(last_error || '; ', '') || ? where id = ?", reason, id);
    }

    /** Whether any agency listed in a digest is still unmet; if none is, the digest has nothing left to say. */
    @Transactional(TxType.REQUIRES_NEW)
    public boolean digestStillRelevant(long deliveryId) {
        return !jdbc.query("""
                select 1 from digest_item i
                left join report r on r.agency_code = i.agency_code and r.year = i.year
                where i.delivery_id = ? and (r.status is null or r.status not in ('SUBMITTED', 'ACCEPTED'))
                limit 1
                """, rs -> 1, deliveryId).isEmpty();
    }

    private static Claimed claimed(ResultSet rs) throws SQLException {
        return new Claimed(rs.getLong("id"), DeliveryKind.valueOf(rs.getString("kind")), rs.getString("agency_code"),
                rs.getInt("year"), rs.getString("stage"), Channel.valueOf(rs.getString("channel")),
                rs.getString("recipient"), rs.getString("cc"), rs.getString("subject"), rs.getString("body"),
                rs.getInt("attempts"), DeliveryStatus.valueOf(rs.getString("status")), rs.getString("last_error"));
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 2000 ? s : s.substring(0, 2000) + "…";
    }
}
