package org.ogi.notification;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.ogi.format.AgencyEvent;
import org.ogi.format.AgencyKind;
import org.ogi.format.AgencyState;
import org.ogi.format.Events;
import org.ogi.format.ReportEvent;
import org.ogi.format.ReportStatus;
import org.ogi.format.Topics;
import org.ogi.notification.domain.DeliveryStatus;
import org.ogi.notification.messaging.AgencyConsumer;
import org.ogi.notification.messaging.ReportConsumer;
import org.ogi.stack.DeadLetterProbe;
import org.ogi.stack.StackTestResource;
import org.ogi.support.kafka.PollRetry;

/**
 * The consumers take a whole poll at a time. These tests hand them polls of their own making (so what is in one poll
 * is certain) on the real database, with dead letters going to the real broker: bad records among good ones, several
 * states of one key, the same poll twice, and the database failing under a poll.
 */
@QuarkusTest
@WithTestResource(value = StackTestResource.class, initArgs = @ResourceArg(name = "database", value = "notification"))
@WithTestResource(MailTestResource.class)
class BatchConsumptionTest {

    /** Offsets far beyond anything the tests produce, so a dead letter's offset header names this poll's record. */
    private static final AtomicLong OFFSETS = new AtomicLong(900_000_000L);

    @Inject
    ReportConsumer reports;
    @Inject
    AgencyConsumer agencies;

    @Test
    void aPoisonRecordIsDeadLetteredAndTheRestOfItsPollApplied() throws SQLException {
        int year = 2045;
        try (World world = new World("P14")) {
            AgencyState a = state(world, 1, year);
            AgencyState b = state(world, 2, year);
            AgencyState c = state(world, 3, year);
            AgencyState d = state(world, 4, year);
            ReportEvent goodA = world.reportEvent(a, year, 1, ReportStatus.SUBMITTED, "2046-01-10T10:00:00+08:00", null);
            ReportEvent refused = world.reportEvent(b, year, 1, ReportStatus.RETURNED, "2046-01-11T10:00:00+08:00",
                    "退回\u0000意见"); // valid JSON, but PostgreSQL text cannot hold NUL: fails in the database only
            ReportEvent goodC = world.reportEvent(c, year, 2, ReportStatus.SUBMITTED, "2046-01-12T10:00:00+08:00", null);
            String notJson = "not-json-" + UUID.randomUUID();
            double before = metric("ogi_notification_dead_letters_total", Topics.REPORTS);

            reports.consume(poll(Topics.REPORTS, List.of(
                    record(Topics.REPORTS, Topics.reportKey(a.code(), year), goodA),
                    record(Topics.REPORTS, notJson, "{这不是事件".getBytes(StandardCharsets.UTF_8)),
                    record(Topics.REPORTS, Topics.reportKey(b.code(), year), refused),
                    record(Topics.REPORTS, Topics.reportKey(c.code(), year), goodC),
                    record(Topics.REPORTS, Topics.reportKey(d.code(), year), goodC)))); // under another report's key

            assertEquals(List.of(a.code() + " 1 SUBMITTED", c.code() + " 2 SUBMITTED"),
                    reportRows(List.of(a, b, c, d), year));
            assertEquals(List.of("APPLIED", "APPLIED"), outcomes(List.of(goodA.eventId(), refused.eventId(),
                    goodC.eventId())));
            assertEquals(3.0, metric("ogi_notification_dead_letters_total", Topics.REPORTS) - before);
            Map<String, String> garbage = World.deadLetter(Topics.dlq(Topics.REPORTS), notJson);
            assertTrue(garbage.get("dead-letter-reason").contains("not a report event in JSON"), garbage.toString());
            assertEquals(Topics.REPORTS, garbage.get("dead-letter-topic"));
            Map<String, String> nul = World.deadLetter(Topics.dlq(Topics.REPORTS), Topics.reportKey(b.code(), year));
            assertTrue(nul.get("dead-letter-exception-class-name").endsWith("DataAccessException"), nul.toString());
            Map<String, String> misplaced = World.deadLetter(Topics.dlq(Topics.REPORTS),
                    Topics.reportKey(d.code(), year));
            assertTrue(misplaced.get("dead-letter-reason").contains("is not " + Topics.reportKey(c.code(), year)),
                    misplaced.toString());
        }
    }

    @Test
    void ofSeveralStatesOfOneKeyInAPollTheNewestWinsAsIfAppliedOneByOne() throws SQLException {
        int year = 2046;
        try (World world = new World("Q15"); Robot robot = new Robot()) {
            robot.answer("/q15", 503);
            AgencyState bureau = world.agency(world.code("220102", 1), "长春市南关区审计局", "220102",
                    AgencyKind.DEPARTMENT, null, robot.url("/q15"), null, year);
            world.awaitApplied();
            assertEquals(List.of("LATE_1 FAILED"), World.run("2047-02-01T10:00:00+08:00").attempts().stream()
                    .filter(x -> x.agencyCode().equals(bureau.code())).map(x -> x.stage() + " " + x.status()).toList());

            ReportEvent filed = world.reportEvent(bureau, year, 1, ReportStatus.SUBMITTED, "2047-02-01T10:02:00+08:00",
                    null);
            ReportEvent returned = world.reportEvent(bureau, year, 3, ReportStatus.RETURNED,
                    "2047-02-01T10:05:00+08:00", "第一次退回");
            ReportEvent older = world.reportEvent(bureau, year, 2, ReportStatus.SUBMITTED, "2047-02-01T10:04:00+08:00",
                    null);
            ReportEvent sameRevision = world.reportEvent(bureau, year, 3, ReportStatus.RETURNED,
                    "2047-02-01T10:06:00+08:00", "同一修订的第二份");
            String key = Topics.reportKey(bureau.code(), year);
            reports.consume(poll(Topics.REPORTS, List.of(record(Topics.REPORTS, key, filed),
                    record(Topics.REPORTS, key, returned), record(Topics.REPORTS, key, older),
                    record(Topics.REPORTS, key, sameRevision))));

            assertEquals(List.of(bureau.code() + " 3 RETURNED 第一次退回"), reportRowsWithComment(bureau, year),
                    "the newest revision wins; of two equal revisions the first");
            assertEquals(List.of("APPLIED", "APPLIED", "STALE", "STALE"), outcomes(List.of(filed.eventId(),
                    returned.eventId(), older.eventId(), sameRevision.eventId())));
            var delivery = World.log(bureau.code(), year).get(0);
            assertEquals(DeliveryStatus.CANCELLED, delivery.status(), "revision 1 was filed: the retry is cancelled");
            assertTrue(delivery.lastError().contains("revision 1"), delivery.lastError());
            assertEquals(List.of(bureau.code()), World.lateFilers(World.admin(), year, "220102",
                    "2047-02-05T10:00:00+08:00").stream().map(l -> l.agencyCode()).toList(),
                    "revision 3 (returned) reopened the obligation");

            AgencyState first = agencyState(world.code("220102", 2), "长春市南关区甲局", year);
            AgencyState second = agencyState(first.code(), "长春市南关区乙局", year);
            AgencyState stale = agencyState(first.code(), "长春市南关区旧名", year);
            Instant at = Instant.parse("2046-03-01T02:00:00Z");
            AgencyEvent e1 = AgencyEvent.upserted(first, at);
            AgencyEvent e2 = AgencyEvent.upserted(second, at);
            AgencyEvent e3 = AgencyEvent.upserted(stale, at.minusSeconds(3600));
            agencies.consume(poll(Topics.AGENCIES, List.of(record(Topics.AGENCIES, first.code(), e1),
                    record(Topics.AGENCIES, first.code(), e2), record(Topics.AGENCIES, first.code(), e3))));
            assertEquals(List.of("长春市南关区乙局"), agencyNames(first.code()), "equal instants: the last wins");
            assertEquals(List.of("APPLIED", "APPLIED", "STALE"),
                    outcomes(List.of(e1.eventId(), e2.eventId(), e3.eventId())));
        }
    }

    @Test
    void redeliveringAnAppliedPollChangesNothing() throws SQLException {
        int year = 2047;
        try (World world = new World("R16")) {
            AgencyState a = state(world, 1, year);
            AgencyState b = state(world, 2, year);
            ReportEvent a1 = world.reportEvent(a, year, 1, ReportStatus.SUBMITTED, "2048-01-10T10:00:00+08:00", null);
            ReportEvent a2 = world.reportEvent(a, year, 2, ReportStatus.RETURNED, "2048-01-11T10:00:00+08:00", "补充");
            ReportEvent b1 = world.reportEvent(b, year, 1, ReportStatus.WITHDRAWN, "2048-01-12T10:00:00+08:00", null);
            String keyA = Topics.reportKey(a.code(), year);
            ConsumerRecords<String, byte[]> poll = poll(Topics.REPORTS, List.of(record(Topics.REPORTS, keyA, a1),
                    record(Topics.REPORTS, keyA, a2), record(Topics.REPORTS, Topics.reportKey(b.code(), year), b1)));
            reports.consume(poll);
            List<UUID> ids = List.of(a1.eventId(), a2.eventId(), b1.eventId());
            List<String> rows = snapshot(List.of(a.code(), b.code()), ids);
            double duplicates = metric("ogi_notification_events_total", Topics.REPORTS, "duplicate");

            reports.consume(poll);
            assertEquals(rows, snapshot(List.of(a.code(), b.code()), ids), "states, timestamps and outcomes as they were");
            assertEquals(3.0, metric("ogi_notification_events_total", Topics.REPORTS, "duplicate") - duplicates);

            ReportEvent a3 = world.reportEvent(a, year, 3, ReportStatus.SUBMITTED, "2048-01-13T10:00:00+08:00", null);
            reports.consume(poll(Topics.REPORTS, List.of(record(Topics.REPORTS, keyA, a2),
                    record(Topics.REPORTS, keyA, a3))));
            assertEquals(List.of(a.code() + " 3 SUBMITTED", b.code() + " 1 WITHDRAWN"), reportRows(List.of(a, b), year),
                    "a redelivered event does not hold back a new one in the same poll");
        }
    }

    @Test
    void aPollDeliveredAgainAfterItsDeadLettersWereStoredDeadLettersNothingAgain() throws SQLException {
        int year = 2049;
        try (World world = new World("U18")) {
            AgencyState a = state(world, 1, year);
            AgencyState b = state(world, 2, year);
            ReportEvent good = world.reportEvent(a, year, 1, ReportStatus.SUBMITTED, "2050-01-10T10:00:00+08:00", null);
            ReportEvent refused = world.reportEvent(b, year, 1, ReportStatus.RETURNED, "2050-01-11T10:00:00+08:00",
                    "退回\u0000意见");
            String notJson = "not-json-" + UUID.randomUUID();
            ConsumerRecords<String, byte[]> poll = poll(Topics.REPORTS, List.of(
                    record(Topics.REPORTS, Topics.reportKey(a.code(), year), good),
                    record(Topics.REPORTS, notJson, "{半个事件".getBytes(StandardCharsets.UTF_8)),
                    record(Topics.REPORTS, Topics.reportKey(b.code(), year), refused)));
            double before = metric("ogi_notification_dead_letters_total", Topics.REPORTS);

            reports.consume(poll);
            reports.consume(poll); // the process died after the dead letters, before the offsets were committed

            String dlq = Topics.dlq(Topics.REPORTS);
            String servers = StackTestResource.stack().kafka().bootstrapServers();
            assertEquals(1, DeadLetterProbe.recordsOf(servers, dlq, notJson).size(), "the undecodable record once");
            List<ConsumerRecord<String, byte[]>> nul = DeadLetterProbe.recordsOf(servers, dlq,
                    Topics.reportKey(b.code(), year));
            assertEquals(1, nul.size(), "the record the database refused once");
            assertTrue(DeadLetterProbe.header(nul.get(0), "dead-letter-reason").contains("0x00"),
                    DeadLetterProbe.header(nul.get(0), "dead-letter-reason"));
            assertEquals(2.0, metric("ogi_notification_dead_letters_total", Topics.REPORTS) - before);
            assertEquals(List.of(a.code() + " 1 SUBMITTED"), reportRows(List.of(a, b), year));
        }
    }

    @Test
    void theDatabaseFailingUnderAPollIsRetriedAndAStopLeavesThePollForRedelivery() throws Exception {
        int year = 2048;
        try (World world = new World("T17"); Connection blocker = World.database()) {
            AgencyState a = state(world, 1, year);
            AgencyState b = state(world, 2, year);
            ReportEvent ea = world.reportEvent(a, year, 1, ReportStatus.SUBMITTED, "2049-01-10T10:00:00+08:00", null);
            ReportEvent eb = world.reportEvent(b, year, 1, ReportStatus.SUBMITTED, "2049-01-11T10:00:00+08:00", null);
            ConsumerRecords<String, byte[]> poll = poll(Topics.REPORTS, List.of(
                    record(Topics.REPORTS, Topics.reportKey(a.code(), year), ea),
                    record(Topics.REPORTS, Topics.reportKey(b.code(), year), eb)));
            double deadLetters = metric("ogi_notification_dead_letters_total", Topics.REPORTS);
            // an uncommitted claim of one of the poll's events: the consumer's transaction waits on it
            blocker.setAutoCommit(false);
            execute(blocker, "insert into processed_event (event_id, topic, event_key, outcome) values (?, ?, ?, 'APPLIED')",
                    eb.eventId(), Topics.REPORTS, "held by the test");

            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread worker = new Thread(() -> {
                try {
                    reports.consume(poll);
                } catch (Throwable t) {
                    thrown.set(t);
                }
            }, "T17-consumer");
            worker.start();
            int first = awaitWaitingBackend(-1);
            execute(blocker, "select pg_terminate_backend(?)", first); // the connection dies mid-transaction (57P01)
            int second = awaitWaitingBackend(first); // the poll was retried on a new connection, not dead-lettered
            assertNotEquals(first, second);
            worker.interrupt(); // the service stops while the database is failing
            execute(blocker, "select pg_terminate_backend(?)", second);
            worker.join(Duration.ofSeconds(20).toMillis());

            assertInstanceOf(PollRetry.StoppingException.class, thrown.get(), String.valueOf(thrown.get()));
            assertEquals(0.0, metric("ogi_notification_dead_letters_total", Topics.REPORTS) - deadLetters);
            blocker.rollback();
            assertEquals(List.of(), outcomes(List.of(ea.eventId(), eb.eventId())), "nothing of the poll was committed");

            reports.consume(poll); // delivered again after the restart
            assertEquals(List.of("APPLIED", "APPLIED"), outcomes(List.of(ea.eventId(), eb.eventId())));
            assertEquals(List.of(a.code() + " 1 SUBMITTED", b.code() + " 1 SUBMITTED"), reportRows(List.of(a, b), year));
        }
    }

    private static AgencyState state(World world, int n, int year) {
        return agencyState(world.code("230102", n), "哈尔滨市道里区第" + n + "局", year);
    }

    private static AgencyState agencyState(String code, String name, int year) {
        return new AgencyState(code, name, code.substring(2, 8), AgencyKind.DEPARTMENT, null, null, null,
                LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
    }

    private static ConsumerRecord<String, byte[]> record(String topic, String key, Object event) {
        return record(topic, key, Events.toJson(event).getBytes(StandardCharsets.UTF_8));
    }

    private static ConsumerRecord<String, byte[]> record(String topic, String key, byte[] value) {
        return new ConsumerRecord<>(topic, 0, OFFSETS.incrementAndGet(), key, value);
    }

    private static ConsumerRecords<String, byte[]> poll(String topic, List<ConsumerRecord<String, byte[]>> records) {
        return new ConsumerRecords<>(Map.of(new TopicPartition(topic, 0), records), Map.of());
    }

    /** Waits until a backend of the notification database waits on a lock (the test's claim); returns its pid. */
    private static int awaitWaitingBackend(int not) {
        AtomicReference<Integer> pid = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
            List<String> pids = query("select pid from pg_stat_activity where datname = 'notification' "
                    + "and wait_event_type = 'Lock' and query like '%processed_event%' and pid <> ?", not);
            pids.stream().findFirst().map(Integer::valueOf).ifPresent(pid::set);
            return pid.get() != null;
        });
        return pid.get();
    }

    private static List<String> reportRows(List<AgencyState> agencies, int year) throws SQLException {
        return query("select agency_code || ' ' || revision || ' ' || status from report where year = ? "
                + "and agency_code = any(?) order by agency_code", year, agencies.stream().map(AgencyState::code).toList());
    }

    private static List<String> reportRowsWithComment(AgencyState agency, int year) throws SQLException {
        return query("select agency_code || ' ' || revision || ' ' || status || ' ' || review_comment from report "
                + "where year = ? and agency_code = ?", year, agency.code());
    }

    private static List<String> agencyNames(String code) throws SQLException {
        return query("select name from agency where code = ?", code);
    }

    /** The outcomes recorded for {@code ids}, in the order of {@code ids}; events not processed are left out. */
    private static List<String> outcomes(List<UUID> ids) throws SQLException {
        return query("select p.outcome from unnest(?) with ordinality as i(id, n) join processed_event p "
                + "on p.event_id = i.id order by i.n", ids);
    }

    private static List<String> snapshot(List<String> codes, List<UUID> ids) throws SQLException {
        List<String> rows = new ArrayList<>(query("select concat_ws(' ', agency_code, year, revision, version, status, "
                + "received_at, review_comment, occurred_at, updated_at) from report where agency_code = any(?) "
                + "order by agency_code, year", codes));
        rows.addAll(query("select concat_ws(' ', event_id, outcome, processed_at) from processed_event "
                + "where event_id = any(?) order by event_id", ids));
        return rows;
    }

    private static List<String> query(String sql, Object... params) throws SQLException {
        try (Connection c = World.database(); PreparedStatement ps = prepare(c, sql, params);
             ResultSet rs = ps.executeQuery()) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }

    private static void execute(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, params)) {
            ps.execute();
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p instanceof List<?> list) {
                String type = !list.isEmpty() && list.get(0) instanceof UUID ? "uuid" : "text";
                ps.setArray(i + 1, c.createArrayOf(type, list.toArray()));
            } else {
                ps.setObject(i + 1, p);
            }
        }
        return ps;
    }

    /** A counter from /q/metrics, by name, topic and (optionally) outcome; 0 while the series does not exist. */
    private static double metric(String name, String topic, String... outcome) {
        String text = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^" + name + "\\{([^}]*)} ([0-9.eE+-]+)$").matcher(text);
        double sum = 0;
        while (m.find()) {
            String labels = m.group(1);
            if (labels.contains("topic=\"" + topic + "\"")
                    && (outcome.length == 0 || labels.contains("outcome=\"" + outcome[0] + "\""))) {
                sum += Double.parseDouble(m.group(2));
            }
        }
        return sum;
    }
}
