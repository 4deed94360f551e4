package org.ogi.submission.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows to Kafka in id order and marks them sent once the broker acknowledged them.
 *
 * <p>A plain idempotent producer rather than an Emitter, because the relay must know exactly which records were
 * acknowledged. Records the broker has not acknowledged yet stay "in flight" with the same producer, which keeps
 * retrying them itself (long delivery timeout): across a broker outage and restart the broker de-duplicates those
 * retries, so each event is written once and in order. Nothing new is sent while earlier records are in flight. Only
 * after a crash of this service can an event be published twice; consumers ignore revisions they already applied.
 *
 * <p>A commit that wrote outbox rows wakes the relay at once (coalesced: one pending wake-up at a time), so an event
 * leaves within milliseconds instead of waiting for the next poll; the poll stays for rows of other instances and
 * for retries. The wake-up waits {@link OutboxConfig#gather()} first, so that under load the commits of several
 * filings share one round trip: the broker flushes its log once for them.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final Duration DELIVERY_TIMEOUT = Duration.ofMinutes(30);

    private final EntityManager em;
    private final OutboxConfig config;
    private final Map<String, Object> kafkaConfig;
    private final Counter published;
    private final Map<Long, Future<RecordMetadata>> inFlight = new LinkedHashMap<>();
    private volatile KafkaProducer<String, String> producer;
    private volatile Instant lastSuccess;
    private volatile String lastError;
    private volatile boolean stopping;
    private final AtomicBoolean wakeUpPending = new AtomicBoolean();
    private final ExecutorService wakeUps = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "outbox-relay-wake-up");
        t.setDaemon(true);
        return t;
    });

    public OutboxRelay(EntityManager em, OutboxConfig config, MeterRegistry registry,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.em = em;
        this.config = config;
        this.kafkaConfig = kafkaConfig;
        this.published = Counter.builder("ogi.outbox.published").description("Events published to Kafka").register(registry);
    }

    @Scheduled(every = "${ogi.outbox.interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, delayed = "1s")
    synchronized void tick() {
        if (stopping) {
            return;
        }
        try {
            if (!settleInFlight()) {
                return; // the broker still owes acknowledgements: send nothing newer meanwhile
            }
            int sent;
            do {
                sent = sendBatch();
            } while (sent == config.batchSize() && !stopping && settleInFlight()); // a full batch means more is waiting
        } catch (RuntimeException e) {
            lastError = e.getMessage();
            LOG.warnf("Outbox relay could not publish, will retry: %s", e.getMessage());
        }
    }

    void onWritten(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxWritten written) {
        if (!stopping && wakeUpPending.compareAndSet(false, true)) {
            wakeUps.execute(() -> {
                pause(config.gather()); // commits meanwhile find the wake-up pending and ride along
                wakeUpPending.set(false);
                tick();
            });
        }
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends the oldest unsent rows, waits a bounded time for their acks; returns how many rows were sent. */
    private int sendBatch() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select id, topic, event_key, event_type, payload from outbox_event where sent_at is null order by id limit :n")
                .setParameter("n", config.batchSize())
                .getResultList());
        KafkaProducer<String, String> p = producer();
        int sent = 0;
        for (Object[] r : rows) {
            var record = new ProducerRecord<>((String) r[1], (String) r[2], (String) r[4]);
            record.headers().add(new RecordHeader("eventType", ((String) r[3]).getBytes(StandardCharsets.UTF_8)));
            Future<RecordMetadata> future;
            try {
                future = p.send(record);
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                lastError = "Kafka unreachable: " + e.getMessage();
                break; // no metadata: the broker is down; this and later rows wait for the next tick, in order
            }
            if (failedAlready(future)) {
                // the producer gave up on this record before sending it (e.g. no metadata within max.block.ms): a
                // later row sent now could reach the broker first, e.g. when it is just coming back, so stop here
                break;
            }
            inFlight.put(((Number) r[0]).longValue(), future);
            sent++;
        }
        if (sent > 0) {
            awaitAcks(config.sendTimeout());
            settleInFlight();
        }
        return sent;
    }

    /** A send that returned an already failed future (how the producer reports a metadata timeout). */
    private boolean failedAlready(Future<RecordMetadata> future) {
        if (!future.isDone()) {
            return false;
        }
        try {
            future.get();
            return false;
        } catch (ExecutionException | InterruptedException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            lastError = "Kafka unreachable: " + cause.getMessage();
            return true;
        }
    }

    private void awaitAcks(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Future<RecordMetadata> f : inFlight.values()) {
            try {
                f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException e) {
                // settled below
            }
        }
    }

    /** Marks acknowledged in-flight rows sent and forgets failed ones (they are resent); true when none is pending. */
    private boolean settleInFlight() {
        List<Long> acked = new ArrayList<>();
        boolean fatal = false;
        for (Iterator<Map.Entry<Long, Future<RecordMetadata>>> it = inFlight.entrySet().iterator(); it.hasNext();) {
            Map.Entry<Long, Future<RecordMetadata>> e = it.next();
            if (!e.getValue().isDone()) {
                continue;
            }
            it.remove();
            try {
                e.getValue().get();
                acked.add(e.getKey());
            } catch (ExecutionException | InterruptedException ex) {
                Throwable cause = ex.getCause() == null ? ex : ex.getCause();
                lastError = cause.getMessage();
                fatal |= !(cause instanceof RetriableException);
            }
        }
        if (!acked.isEmpty()) {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                    "update outbox_event set sent_at = now() where id = any(cast(:ids as bigint[]))")
                    .setParameter("ids", acked.toArray(new Long[0]))
                    .executeUpdate());
            published.increment(acked.size());
            lastSuccess = Instant.now();
            if (inFlight.isEmpty()) {
                lastError = null;
            }
        }
        if (fatal && inFlight.isEmpty()) {
            LOG.warnf("Kafka refused events, starting a new producer: %s", lastError);
            closeProducer();
        }
        return inFlight.isEmpty();
    }

    public Instant lastSuccess() {
        return lastSuccess;
    }

    public String lastError() {
        return lastError;
    }

    private KafkaProducer<String, String> producer() {
        if (producer == null) {
            Map<String, Object> props = new HashMap<>();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaConfig.get("bootstrap.servers"));
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
            props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) config.sendTimeout().toMillis());
            props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) config.sendTimeout().toMillis());
            props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) DELIVERY_TIMEOUT.toMillis());
            props.put(ProducerConfig.CLIENT_ID_CONFIG, "submission-outbox-relay");
            producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        }
        return producer;
    }

    private void closeProducer() {
        if (producer != null) {
            producer.close(Duration.ZERO);
            producer = null;
        }
    }

    /** Not synchronised with a running tick: closing the producer makes a blocked send or wait return at once. */
    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        wakeUps.shutdownNow();
        KafkaProducer<String, String> p = producer;
        if (p != null) {
            p.close(Duration.ofSeconds(2)); // unacknowledged rows stay unsent and are published after the restart
        }
    }
}
