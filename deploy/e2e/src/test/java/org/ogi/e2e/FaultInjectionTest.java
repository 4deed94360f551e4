package org.ogi.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ogi.format.Topics;
import org.ogi.stack.demo.DemoAgency;

/**
 * design.md's promises shown by breaking the running system: the broker killed (SIGKILL) while filings arrive, the
 * aggregation service killed three times mid-stream, PostgreSQL stopped and started under load, the notification
 * service killed during a chase run, a poison record on every partition of both topics. Every check compares with a
 * ground truth (the submission database, the SMTP sink), never with what the services say about themselves.
 * <p>
 * {@code -Dogi.faults=long} runs the figures (10,000 filings, 60 s without Kafka); the default is the short
 * variant CI runs. Each fault works in its own report year and county, so the tests do not depend on their order.
 */
class FaultInjectionTest {

    /** The figures of one variant. */
    record Size(String name, int kafkaFilings, int kafkaOutageSeconds, int aggregationFilings, int aggregationKills,
                int postgresFilings, int postgresOutageSeconds, int chaseAgencies, int clients) {
    }

    static final Size SHORT = new Size("short", 1_000, 3, 500, 3, 400, 3, 200, 16);
    static final Size LONG = new Size("long", 10_000, 60, 5_000, 3, 3_000, 10, 1_000, 16);
    static final Size SIZE = "long".equals(System.getProperty("ogi.faults")) ? LONG : SHORT;
    static final Duration CATCH_UP = Duration.ofSeconds(SIZE == LONG ? 600 : 180);
    static final int CHASE_YEAR = 2025;

    static FaultStack stack;
    static Filings filer;
    static GroundTruth truth;
    static KafkaChecks kafka;
    static final FaultSummary SUMMARY = new FaultSummary();

    @BeforeAll
    static void startTheSystem() {
        Path root = Path.of(System.getProperty("ogi.root", "../..")).toAbsolutePath().normalize();
        long started = System.nanoTime();
        stack = new FaultStack(root, CHASE_YEAR);
        System.out.printf("fault stack (%s variant) ready in %d ms%n", SIZE.name(), (System.nanoTime() - started) / 1_000_000);
        filer = new Filings(stack.submission.url(), stack.tokens);
        truth = new GroundTruth(stack.jdbcUrl("submission"), stack.aggregation.url());
        kafka = new KafkaChecks(stack.bootstrapServers());
    }

    @AfterAll
    static void stopTheSystem() {
        if (stack != null) {
            SUMMARY.print("Faults injected (" + SIZE.name() + " variant)", stack.state.resolve("summary.md"));
            stack.close();
        }
    }

    @Test
    void kafkaKilledWhileFilingsArriveEveryFilingIsAcceptedAndEveryEventIsAppliedOnce() {
        guarded(() -> {
            int year = 2022;
            String region = "421321";
            List<DemoAgency> agencies = filer.registerAgencies(region, year, SIZE.kafkaFilings(), 22, true);
            List<Filings.Filing> filings = Filings.reports(agencies, year, 22, 0);
            Filings.Run run = filer.start(filings, SIZE.clients());
            run.awaitDone(filings.size() / 10);
            long pid = stack.killKafka();
            long killed = System.nanoTime();
            Filings.sleep(SIZE.kafkaOutageSeconds() * 1000L);
            stack.startKafka();
            long back = System.nanoTime();
            List<Filings.Outcome> outcomes = run.join();
            long duringOutage = outcomes.stream()
                    .filter(o -> o.accepted() && o.answeredNanos() > killed && o.answeredNanos() < back).count();
            assertAllAccepted(outcomes);
            Duration caughtUp = awaitExact(region, year, back);
            awaitNoLag(); // the notification service got every event too
            record(String.format("Kafka broker kill -9 (pid %d), down %d s", pid, (back - killed) / 1_000_000_000),
                    "1 broker kill", outcomes, 0, region, year, String.format(
                            "%,d filings answered 2xx while the broker was down; statistics exact %.1f s after it was back",
                            duringOutage, caughtUp.toMillis() / 1000.0));
        });
    }

    @Test
    void aggregationKilledThreeTimesMidStreamFinalStatisticsAreExact() {
        guarded(() -> {
            int year = 2023;
            String region = "421381";
            List<DemoAgency> agencies = filer.registerAgencies(region, year, SIZE.aggregationFilings(), 23, true);
            List<Filings.Filing> filings = Filings.reports(agencies, year, 23, 0.3);
            Filings.Run run = filer.start(filings, SIZE.clients());
            List<Long> killedPids = new ArrayList<>();
            for (int k = 1; k <= SIZE.aggregationKills(); k++) {
                run.awaitDone(filings.size() * k / (SIZE.aggregationKills() + 1));
                killedPids.add(stack.aggregation.process().pid());
                FaultStack.kill9(stack.aggregation);
                FaultStack.start(stack.aggregation);
                Filings.sleep(300); // consuming again (the backlog filed while it was down) when the next kill comes
            }
            List<Filings.Outcome> outcomes = run.join();
            long back = System.nanoTime();
            assertAllAccepted(outcomes);
            Duration caughtUp = awaitExact(region, year, back);
            record("aggregation-service kill -9 ×" + killedPids.size() + " mid-stream", killedPids.size()
                    + " service kills", outcomes, 0, region, year, String.format(
                    "%,d filings incl. %,d amendments (revision 2); statistics exact %.1f s after the stream",
                    outcomes.size(), outcomes.stream().filter(o -> o.filing().amendment()).count(),
                    caughtUp.toMillis() / 1000.0));
        });
    }

    @Test
    void postgresRestartedUnderLoadAnswers503DuringTheOutageOnlyAndLeavesNothingHalfWritten() {
        guarded(() -> {
            int year = 2024;
            String region = "341802";
            List<DemoAgency> agencies = filer.registerAgencies(region, year, SIZE.postgresFilings(), 24, true);
            List<Filings.Filing> filings = Filings.reports(agencies, year, 24, 0.2);
            List<Long> pids = stack.services().stream().map(s -> s.process().pid()).toList();
            Filings.Run run = filer.start(filings, SIZE.clients());
            run.awaitDone(filings.size() / 4);
            long stopping = System.nanoTime();
            stack.stopPostgres();
            String readDuringOutage = Outage.statisticsStatus(stack, region, year);
            Filings.sleep(SIZE.postgresOutageSeconds() * 1000L);
            stack.startPostgres();
            long back = System.nanoTime();
            List<Filings.Outcome> outcomes = run.join();

            List<Filings.Outcome> refused = Outage.checkRefusals(outcomes, stopping, back);
            assertTrue(readDuringOutage.startsWith("503 application/problem+json")
                    && !readDuringOutage.contains("no Chinese"), "a statistics read during the outage: " + readDuringOutage);
            // the client sends the refused filings again: all are accepted now, by the same (never restarted) services
            List<Filings.Outcome> resent = refused.stream().map(o -> filer.file(o.filing())).toList();
            assertAllAccepted(resent);
            assertEquals(pids, stack.services().stream().map(s -> s.process().pid()).toList(), "no service restarted");
            stack.services().forEach(s -> assertTrue(s.process().isAlive(), s.name() + " alive"));
            Duration caughtUp = awaitExact(region, year, back);
            assertEquals(List.of(), truth.halfWritten(year), "every stored report has its version and its events");
            List<Filings.Outcome> all = new ArrayList<>(outcomes);
            all.addAll(resent);
            record(String.format("PostgreSQL stop + start (same data, port), down %.1f s",
                    (back - stopping) / 1e9), "1 database restart", all, refused.size(), region, year, String.format(
                    "non-2xx: %d, all 503 problem+json within the outage, slowest answer %,d ms; resent → 2xx; "
                            + "statistics exact %.1f s after restart", refused.size(),
                    outcomes.stream().mapToLong(Filings.Outcome::millis).max().orElse(0), caughtUp.toMillis() / 1000.0));
        });
    }

    @Test
    void notificationKilledDuringAChaseRunSendsNoReminderTwiceAndNoneIsLost() {
        guarded(() -> {
            String region = "210102";
            List<DemoAgency> agencies = filer.registerAgencies(region, CHASE_YEAR, SIZE.chaseAgencies(), 25, false);
            Chase chase = new Chase(stack, region, CHASE_YEAR);
            Chase.Result result = chase.killedMidRun(agencies); // the first run's answer is cut off by the kill
            assertEquals(List.of(), result.missing(), "every late agency was reminded");
            assertEquals(List.of(), result.repeated(), "no reminder was sent twice");
            SUMMARY.add(new FaultSummary.Row("notification-service kill -9 during a chase run", "1 service kill",
                    result.runs(), 1, 0, result.missing().size(), result.repeated().size(), String.format(
                    "%,d late agencies; %,d mails in the sink at the kill, %,d sent after the restart (%d claimed by the killed "
                            + "run taken over); %,d messages in the sink, one per (agency, stage); %d copies resent "
                            + "with the same Message-ID", agencies.size(), result.beforeKill(), result.afterRestart(),
                    result.takenOver(), result.messages(), result.resentCopies())));
        });
    }

    @Test
    void aPoisonRecordOnEveryPartitionOfBothTopicsIsDeadLetteredCountedAndPassed() {
        guarded(() -> {
            int year = 2021;
            String region = "430202";
            Poison poison = new Poison(stack, kafka);
            Poison.Result result = poison.injectAndFile(filer, region, year);
            List<Filings.Outcome> outcomes = result.outcomes();
            assertAllAccepted(outcomes);
            long back = System.nanoTime();
            awaitExact(region, year, back);
            poison.awaitConsumedAndCheck(result);
            record("poison record on each partition of " + Topics.REPORTS + " and " + Topics.AGENCIES,
                    result.poisonKeys().size() + " poison records", outcomes, 0, region, year, result.observed());
        });
    }

    // --- shared checks ------------------------------------------------------------------------------------------------

    private static void assertAllAccepted(List<Filings.Outcome> outcomes) {
        List<Filings.Outcome> refused = outcomes.stream().filter(o -> !o.accepted()).toList();
        assertEquals(List.of(), refused.stream().limit(5).map(o -> o.status() + " " + o.body()).toList(),
                refused.size() + " of " + outcomes.size() + " filings not accepted");
    }

    /** Until the statistics equal the submission database cell by cell and the outbox is empty; the time it took. */
    private static Duration awaitExact(String region, int year, long sinceNanos) {
        AtomicReference<GroundTruth.Comparison> last = new AtomicReference<>();
        try {
            // a region whose agencies' events have not reached aggregation-service yet answers 404: not yet, not wrong
            await().atMost(CATCH_UP).pollInterval(Duration.ofMillis(500))
                    .ignoreExceptionsMatching(e -> String.valueOf(e.getMessage()).startsWith("statistics answered 404"))
                    .until(() -> {
                        GroundTruth.Comparison c = truth.compare(region, year);
                        last.set(c);
                        return c.equal() && truth.unsent() == 0;
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            GroundTruth.Comparison c = last.get();
            throw new AssertionError("statistics of " + region + "/" + year + " never matched the submission database: "
                    + (c == null ? "no answer" : c.expectedReports() + " reports stored, " + c.reports()
                    + " counted, differences " + c.differences().stream().limit(10).toList())
                    + "; unsent outbox events " + truth.unsent(), e);
        }
        return Duration.ofNanos(System.nanoTime() - sinceNanos);
    }

    /** Both consumer groups have committed every record of both topics. */
    private static void awaitNoLag() {
        await().atMost(CATCH_UP).pollInterval(Duration.ofMillis(500)).until(() -> Poison.GROUPS.stream()
                .allMatch(g -> Poison.TOPICS.stream().allMatch(t -> kafka.lag(g, t) == 0)));
    }

    private static void record(String fault, String injected, List<Filings.Outcome> outcomes, long refused,
                               String region, int year, String note) {
        GroundTruth.Comparison c = truth.compare(region, year);
        GroundTruth.Truth stored = truth.truth(region, year);
        long acceptedNotStored = outcomes.stream().filter(Filings.Outcome::accepted)
                .map(o -> o.filing().agencyCode()).distinct().filter(code -> !stored.agencies().contains(code)).count();
        long accepted = outcomes.stream().filter(Filings.Outcome::accepted).count();
        SUMMARY.add(new FaultSummary.Row(fault, injected, outcomes.size(), accepted, refused,
                acceptedNotStored + c.lost(), c.duplicates(), note));
        assertEquals(0, acceptedNotStored, "accepted filings missing from the submission database");
        assertTrue(c.equal(), c.toString());
    }

    private static void guarded(ThrowingRunnable body) {
        try {
            body.run();
        } catch (AssertionError | RuntimeException e) {
            System.err.println(stack.logTails());
            throw e;
        } catch (Exception e) {
            System.err.println(stack.logTails());
            throw new IllegalStateException(e);
        }
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }
}
