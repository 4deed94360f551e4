package org.ogi.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.ogi.format.AgencyKind;
import org.ogi.format.AgencyState;
import org.ogi.format.ReportStatus;
import org.ogi.notification.domain.Channel;
import org.ogi.notification.domain.DeliveryStatus;
import org.ogi.notification.service.ChaseSummary;
import org.ogi.notification.service.DeliveryView;
import org.ogi.notification.service.LateFiler;
import org.ogi.stack.StackTestResource;

/** The delivery guarantees: once per stage, catch-up without flooding, quiet hours, retries, giving up, cancelling. */
@QuarkusTest
@WithTestResource(value = StackTestResource.class, initArgs = @ResourceArg(name = "database", value = "notification"))
@WithTestResource(MailTestResource.class)
class ChaseGuaranteesTest {

    private static List<String> stages(ChaseSummary summary, String agencyCode) {
        return summary.attempts().stream().filter(a -> a.agencyCode().equals(agencyCode))
                .map(a -> a.stage() + " " + a.status()).toList();
    }

    @Test
    void missedRunsCatchUpWithOneMessagePerRecipient() {
        int year = 2033;
        try (World world = new World("C03")) {
            AgencyState office = world.agency(world.code("440106", 1), "广州市天河区人民政府", "440106",
                    AgencyKind.GOVERNMENT, "office-c03@th.gov.cn", null, null, year);
            AgencyState bureau = world.agency(world.code("440106", 2), "广州市天河区民政局", "440106",
                    AgencyKind.DEPARTMENT, "mz-c03@th.gov.cn", null, office.code(), year);
            world.awaitApplied();

            // down since before 17 January: on 20 February only the latest stage (day 14) and the digest are due
            ChaseSummary first = World.run("2034-02-20T10:00:00+08:00");
            assertEquals(List.of("LATE_14 SENT"), stages(first, bureau.code()));
            assertEquals(List.of("ESCALATION_7 SENT"), stages(first, office.code()));
            assertEquals(1, MailServer.get().messagesTo("mz-c03@th.gov.cn").size());

            ChaseSummary again = World.run("2034-02-20T10:05:00+08:00");
            assertEquals(List.of(), stages(again, bureau.code()));
            assertEquals(List.of(), stages(again, office.code()));

            // down again for five weeks: the department gets day 56 only, the government its 3-day reminder only
            ChaseSummary later = World.run("2034-03-30T10:00:00+08:00");
            assertEquals(List.of("LATE_56 SENT"), stages(later, bureau.code()));
            assertEquals(List.of("BEFORE_3 SENT"), stages(later, office.code()),
                    "the 14-day reminder of 17 March is not sent late on top of it");

            ChaseSummary afterDeadline = World.run("2034-04-02T10:00:00+08:00");
            assertEquals(List.of("LATE_1 SENT"), stages(afterDeadline, office.code()),
                    "the deadline-day reminder is pointless after the deadline");
            assertEquals(List.of(), stages(afterDeadline, bureau.code()));
            assertEquals(List.of("mz-c03@th.gov.cn", "mz-c03@th.gov.cn"),
                    MailServer.get().messagesTo("mz-c03@th.gov.cn").stream().map(m -> m.to().get(0)).toList());
        }
    }

    @Test
    void concurrentRunsSendEachStageOnce() throws Exception {
        int year = 2034;
        int agencies = 6;
        int runs = 4;
        try (World world = new World("D04")) {
            List<String> codes = new ArrayList<>();
            for (int i = 1; i <= agencies; i++) {
                codes.add(world.agency(world.code("510104", i), "成都市锦江区第" + i + "局", "510104",
                        AgencyKind.DEPARTMENT, "d04-" + i + "@jj.gov.cn", null, null, year).code());
            }
            world.awaitApplied();

            ExecutorService pool = Executors.newFixedThreadPool(runs);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<ChaseSummary>> results = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return World.run("2035-02-01T10:00:00+08:00");
                }));
            }
            go.countDown();
            int sent = 0;
            for (Future<ChaseSummary> result : results) {
                sent += result.get().sent();
            }
            pool.shutdown();

            assertEquals(agencies, sent, "the runs together sent each agency's day-1 reminder exactly once");
            for (int i = 1; i <= agencies; i++) {
                assertEquals(1, MailServer.get().messagesTo("d04-" + i + "@jj.gov.cn").size());
            }
            for (String code : codes) {
                List<DeliveryView> log = World.log(code, year);
                assertEquals(1, log.size());
                assertEquals(DeliveryStatus.SENT, log.get(0).status());
                assertEquals(1, log.get(0).attempts());
            }
        }
    }

    @Test
    void quietHoursDeferSendingUntilEightInTheMorning() {
        int year = 2035;
        try (World world = new World("E05")) {
            AgencyState bureau = world.agency(world.code("330106", 1), "杭州市西湖区文化和广电旅游体育局", "330106",
                    AgencyKind.DEPARTMENT, "wg-e05@xh.gov.cn", null, null, year);
            world.awaitApplied();

            ChaseSummary evening = World.run("2036-02-01T21:00:00+08:00");
            assertTrue(evening.quietHours());
            assertEquals(1, evening.deferred(), "the day-1 reminder waits for the morning");
            assertEquals(List.of(), stages(evening, bureau.code()));
            ChaseSummary dawn = World.run("2036-02-02T07:59:59+08:00");
            assertTrue(dawn.quietHours());
            assertEquals(0, MailServer.get().messagesTo("wg-e05@xh.gov.cn").size());

            ChaseSummary morning = World.run("2036-02-02T08:00:00+08:00");
            assertFalse(morning.quietHours());
            assertEquals(List.of("LATE_1 SENT"), stages(morning, bureau.code()));
            assertEquals(1, MailServer.get().messagesTo("wg-e05@xh.gov.cn").size());
        }
    }

    @Test
    void anSmtpOutageIsRetriedWithBackoffAndRecorded() {
        int year = 2036;
        MailServer mail = MailServer.get();
        try (World world = new World("F06")) {
            AgencyState bureau = world.agency(world.code("420106", 1), "武汉市武昌区审计局", "420106",
                    AgencyKind.DEPARTMENT, "sj-f06@wc.gov.cn", null, null, year);
            world.awaitApplied();

            mail.stop();
            ChaseSummary failed;
            try {
                failed = World.run("2037-02-01T10:00:00+08:00");
            } finally {
                mail.start();
            }
            assertEquals(List.of("LATE_1 FAILED"), stages(failed, bureau.code()));
            DeliveryView row = World.log(bureau.code(), year).get(0);
            assertEquals(DeliveryStatus.FAILED, row.status());
            assertEquals(1, row.attempts());
            assertTrue(row.lastError().startsWith("SMTP"), row.lastError());
            assertEquals(World.instant("2037-02-01T10:05:00+08:00"), row.nextAttemptAt(), "first backoff: 5 minutes");

            ChaseSummary tooEarly = World.run("2037-02-01T10:03:00+08:00");
            assertEquals(List.of(), stages(tooEarly, bureau.code()));
            assertEquals(0, mail.messagesTo("sj-f06@wc.gov.cn").size());

            ChaseSummary retried = World.run("2037-02-01T10:06:00+08:00");
            assertEquals(List.of("LATE_1 SENT"), stages(retried, bureau.code()));
            assertTrue(retried.retried() >= 1);
            DeliveryView after = World.log(bureau.code(), year).get(0);
            assertEquals(DeliveryStatus.SENT, after.status());
            assertEquals(2, after.attempts());
            assertTrue(after.lastError().startsWith("SMTP"), "the error of the failed attempt stays on record");
            assertEquals(1, mail.messagesTo("sj-f06@wc.gov.cn").size());
        }
    }

    @Test
    void theWebhookReceivesAGroupRobotMarkdownMessage() throws Exception {
        int year = 2037;
        try (World world = new World("G07"); Robot robot = new Robot()) {
            AgencyState bureau = world.agency(world.code("350102", 1), "福州市鼓楼区市场监督管理局", "350102",
                    AgencyKind.DEPARTMENT, null, robot.url("/cgi-bin/webhook/send"), null, year);
            world.awaitApplied();

            assertEquals(List.of("DUE_DAY SENT"), stages(World.run("2038-01-31T09:30:00+08:00"), bureau.code()));

            List<Robot.Post> posts = robot.postsTo("/cgi-bin/webhook/send");
            assertEquals(1, posts.size());
            assertTrue(posts.get(0).contentType().startsWith("application/json"), posts.get(0).contentType());
            JsonNode message = World.JSON.readTree(posts.get(0).body());
            assertEquals("markdown", message.get("msgtype").asText());
            String content = message.get("markdown").get("content").asText();
            assertTrue(content.startsWith("**【今日截止】2037年度政府信息公开工作年度报告今天截止报送**"), content);
            assertTrue(content.contains("> 单位：福州市鼓楼区市场监督管理局（" + bureau.code() + "）"), content);
            assertTrue(content.contains("[前往报送](http://localhost:8081/api/v1/reports/2037/" + bureau.code() + ")"),
                    content);
        }
    }

    @Test
    void aChannelThatKeepsFailingIsGivenUpAndReported() {
        int year = 2038;
        try (World world = new World("H08"); Robot robot = new Robot()) {
            robot.answer("/down", 500);
            robot.answer("/gone", 404);
            AgencyState down = world.agency(world.code("370102", 1), "济南市历下区统计局", "370102",
                    AgencyKind.DEPARTMENT, null, robot.url("/down"), null, year);
            AgencyState gone = world.agency(world.code("370102", 2), "济南市历下区档案局", "370102",
                    AgencyKind.DEPARTMENT, null, robot.url("/gone"), null, year);
            AgencyState silent = world.agency(world.code("370102", 3), "济南市历下区机关事务服务中心", "370102",
                    AgencyKind.DEPARTMENT, null, null, null, year);
            world.awaitApplied();

            ChaseSummary first = World.run("2039-02-01T10:00:00+08:00");
            assertEquals(List.of("LATE_1 FAILED"), stages(first, down.code()));
            assertEquals(List.of("LATE_1 GAVE_UP"), stages(first, gone.code()), "HTTP 404: retrying cannot help");
            assertEquals(List.of("LATE_1 GAVE_UP"), stages(first, silent.code()), "no contact at all is reported too");
            // backoff 5, 10, 20, 40 minutes: attempts 2..5, the fifth is the last
            for (String at : List.of("10:05", "10:15", "10:35", "11:15")) {
                World.run("2039-02-01T" + at + ":00+08:00");
            }
            ChaseSummary afterLast = World.run("2039-02-01T18:00:00+08:00");
            assertEquals(List.of(), stages(afterLast, down.code()), "given up: not retried for ever");
            assertEquals(5, robot.postsTo("/down").size());
            assertEquals(1, robot.postsTo("/gone").size());

            DeliveryView row = World.log(down.code(), year).get(0);
            assertEquals(DeliveryStatus.GAVE_UP, row.status());
            assertEquals(5, row.attempts());
            assertNull(row.nextAttemptAt());
            assertEquals(Channel.NONE, World.log(silent.code(), year).get(0).channel());

            List<LateFiler> late = World.lateFilers(World.admin(), year, "370102", "2039-02-01T18:00:00+08:00");
            assertEquals(3, late.size());
            assertTrue(late.stream().allMatch(LateFiler::unreachable));
            assertTrue(late.stream().filter(l -> l.agencyCode().equals(down.code())).findFirst().orElseThrow()
                    .lastError().contains("HTTP 500"));
            assertEquals(0, late.get(0).remindersSent());
        }
    }

    @Test
    void aReportArrivingBeforeARetryCancelsIt() {
        int year = 2039;
        try (World world = new World("J09"); Robot robot = new Robot()) {
            robot.answer("/flaky", 503);
            AgencyState bureau = world.agency(world.code("210102", 1), "沈阳市和平区司法局", "210102",
                    AgencyKind.DEPARTMENT, null, robot.url("/flaky"), null, year);
            world.awaitApplied();

            assertEquals(List.of("LATE_1 FAILED"), stages(World.run("2040-02-01T10:00:00+08:00"), bureau.code()));
            world.report(bureau, year, 1, ReportStatus.SUBMITTED, "2040-02-01T10:02:00+08:00", null);
            world.awaitApplied();
            assertEquals(DeliveryStatus.CANCELLED, World.log(bureau.code(), year).get(0).status());

            robot.answer("/flaky", 200);
            ChaseSummary later = World.run("2040-02-01T10:30:00+08:00");
            assertEquals(List.of(), stages(later, bureau.code()));
            assertEquals(1, robot.postsTo("/flaky").size(), "stopped the moment the report arrived");
        }
    }
}
