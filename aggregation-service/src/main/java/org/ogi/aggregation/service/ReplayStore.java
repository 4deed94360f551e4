package org.ogi.aggregation.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ogi.aggregation.messaging.Decoded;
import org.ogi.aggregation.messaging.EventDecoder;
import org.ogi.format.AgencyEvent;
import org.ogi.format.ReportEvent;
import org.ogi.format.ReportState;
import org.ogi.format.Topics;
import org.ogi.support.kafka.DeadLetterLedger;

/**
 * Writes the replayed polls into the scratch tables while the next ones are read and decoded. Decoding (the live
 * consumers' own {@link EventDecoder}, pure) and turning the cells into their SQL array text run on two threads, a
 * poll each; the upserts run on one thread in poll order, because among equal revisions the first state wins, as in
 * the live consumer. At most {@link #IN_FLIGHT} polls are held at once besides the one being read, which bounds the
 * memory the replay adds to the Kafka fetch (with three polls of 1,000 records the service grew to 330 MB resident,
 * with two of 500 it stayed at 260 MB). One thread doing all of it in turn spent 6 s of a quick bench rebuild: 2.3 s
 * decoding, 2.0 s waiting for the upserts, the rest reading.
 */
final class ReplayStore implements AutoCloseable {

    static final String REPORT_UPSERT = "insert into rebuild_report_state (revision, version, status, format, "
            + "region_code, received_at, deadline, on_time, cells, event_id, occurred_at, agency_code, year) "
            + "values (?, ?, ?, ?, ?, ?, ?, ?, ?::numeric[], ?::uuid, ?, ?, ?) on conflict (agency_code, year) do update "
            + "set revision = excluded.revision, version = excluded.version, status = excluded.status, "
            + "format = excluded.format, region_code = excluded.region_code, received_at = excluded.received_at, "
            + "deadline = excluded.deadline, on_time = excluded.on_time, cells = excluded.cells, "
            + "event_id = excluded.event_id, occurred_at = excluded.occurred_at "
            + "where rebuild_report_state.revision < excluded.revision";
    private static final int IN_FLIGHT = 2;

    /** A report state ready to bind: the event and its cells as a numeric[] literal. */
    private record Row(ReportEvent event, String cells) {
    }

    /** One poll, decoded: the agencies, the newest state per report key, and how many records were refused. */
    private record Batch(List<AgencyEvent> agencies, Map<String, Row> reports, int invalid) {
    }

    private final Connection c;
    private final CellIndex index;
    private final Map<String, String> deadLettered;
    private final ExecutorService decoders = Executors.newFixedThreadPool(2, named("rebuild-decode"));
    private final ExecutorService writer = Executors.newSingleThreadExecutor(named("rebuild-store"));
    private final Semaphore slots = new Semaphore(IN_FLIGHT);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicLong read = new AtomicLong();
    private final AtomicLong invalid = new AtomicLong();
    private final AtomicLong decodeNanos = new AtomicLong();
    private final AtomicLong storeNanos = new AtomicLong();
    private Future<?> last = CompletableFuture.completedFuture(null);

    /** {@code deadLettered}: records the live consumers dead-lettered ({@link DeadLetterLedger#claimed}), skipped. */
    ReplayStore(Connection c, CellIndex index, Map<String, String> deadLettered) {
        this.c = c;
        this.index = index;
        this.deadLettered = deadLettered;
    }

    /** Hands one poll over (blocks while {@link #IN_FLIGHT} polls are pending); throws if an earlier one failed. */
    void accept(List<ConsumerRecord<String, byte[]>> records) {
        rethrow();
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("rebuild interrupted", e);
        }
        read.addAndGet(records.size());
        Future<Batch> decoded = decoders.submit(() -> decode(records));
        last = writer.submit(() -> {
            try {
                if (failure.get() == null) {
                    store(decoded.get());
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t instanceof ExecutionException ? t.getCause() : t);
            } finally {
                slots.release();
            }
        });
    }

    /** Waits until every poll handed over is stored (and committed); throws what failed. */
    void finish() {
        try {
            last.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("rebuild interrupted", e);
        } catch (ExecutionException e) {
            failure.compareAndSet(null, e.getCause());
        }
        rethrow();
    }

    long read() {
        return read.get();
    }

    long invalid() {
        return invalid.get();
    }

    /** Summed over the decoding threads: CPU time spent decoding (it runs beside the reading and storing). */
    long decodeMillis() {
        return decodeNanos.get() / 1_000_000;
    }

    long storeMillis() {
        return storeNanos.get() / 1_000_000;
    }

    /** Stops: polls not yet stored are dropped, and a store under way ends before the connection is given back. */
    @Override
    public void close() {
        failure.compareAndSet(null, new IllegalStateException("replay stopped"));
        decoders.shutdownNow();
        writer.shutdownNow();
        try {
            writer.awaitTermination(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Batch decode(List<ConsumerRecord<String, byte[]>> records) {
        long t0 = System.nanoTime();
        List<AgencyEvent> agencies = new ArrayList<>();
        Map<String, ReportEvent> newest = new TreeMap<>();
        int refused = 0;
        for (ConsumerRecord<String, byte[]> r : records) {
            if (deadLettered(r)) {
                refused++; // e.g. refused by the database although decodable: the live consumer skipped it too
            } else if (Topics.AGENCIES.equals(r.topic())) {
                Decoded<AgencyEvent> d = EventDecoder.agency(r.key(), r.value());
                if (d.valid()) {
                    agencies.add(d.event());
                } else {
                    refused++;
                }
            } else {
                Decoded<ReportEvent> d = EventDecoder.report(r.key(), r.value());
                if (d.valid()) {
                    // first state wins among equal revisions, as in the live consumer
                    newest.merge(r.key(), d.event(),
                            (held, next) -> next.report().revision() > held.report().revision() ? next : held);
                } else {
                    refused++;
                }
            }
        }
        Map<String, Row> reports = new TreeMap<>();
        newest.forEach((key, e) -> reports.put(key,
                new Row(withoutCells(e), NumericArrayText.literal(index.toArray(ReportApplier.cellsOf(e.report()))))));
        invalid.addAndGet(refused);
        decodeNanos.addAndGet(System.nanoTime() - t0);
        return new Batch(agencies, reports, refused);
    }

    private boolean deadLettered(ConsumerRecord<String, byte[]> r) {
        String digest = deadLettered.isEmpty() ? null : deadLettered.get(DeadLetterLedger.coordinates(r));
        return digest != null && digest.equals(DeadLetterLedger.digest(r));
    }

    /** The event without its cells map and findings, which are not needed once the literal is made. */
    private static ReportEvent withoutCells(ReportEvent e) {
        ReportState s = e.report();
        return new ReportEvent(e.eventId(), e.type(), e.occurredAt(), new ReportState(s.agencyCode(), s.regionCode(),
                s.year(), s.version(), s.revision(), s.status(), s.format(), s.receivedAt(), s.deadline(), s.onTime(),
                null, null, s.reviewComment(), s.reviewedBy(), s.reviewedAt()));
    }

    private void store(Batch batch) throws SQLException {
        long t0 = System.nanoTime();
        AgencyApplier.upsert(c, "rebuild_agency", batch.agencies());
        if (!batch.reports().isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(REPORT_UPSERT)) {
                for (Row row : batch.reports().values()) {
                    ReportApplier.bindState(ps, row.event());
                    ps.setString(9, row.cells());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        c.commit();
        storeNanos.addAndGet(System.nanoTime() - t0);
    }

    private void rethrow() {
        Throwable t = failure.get();
        if (t != null) {
            throw new IllegalStateException("could not store replayed events: " + t.getMessage(), t);
        }
    }

    private static ThreadFactory named(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
