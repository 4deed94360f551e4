package org.ogi.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ogi.format.AgencyKind;
import org.ogi.format.AgencyState;
import org.ogi.format.Deadlines;
import org.ogi.format.ReportStatus;
import org.ogi.notification.domain.Channel;
import org.ogi.notification.domain.DeliveryKind;
import org.ogi.notification.domain.DeliveryStatus;
import org.ogi.notification.service.ChaseSummary;
import org.ogi.notification.service.LateFiler;
import org.ogi.stack.StackTestResource;

/**
 * Whole seasons on a simulated clock: the chase is run twice a day (09:30, and 21:00 in quiet hours) from January to
 * March, with filings and reviews produced to the real topics in between, and every message read back from the real
 * SMTP server and robot receiver.
 */
@QuarkusTest
@WithTestResource(value = StackTestResource.class, initArgs = @ResourceArg(name = "database", value = "notification"))
@WithTestResource(MailTestResource.class)
class ChaseSeasonTest {

    private static final String REGION = "110105";

    /** What a run sent, as "date stage channel recipient". */
    private static void collect(ChaseSummary summary, List<String> into) {
        String day = summary.at().atZone(Deadlines.ZONE).toLocalDate().toString();
        summary.attempts().forEach(a -> into.add(day + " " + a.agencyCode() + " " + a.stage() + " " + a.channel()
                + " " + a.status()));
    }

    private static List<String> only(List<String> lines, String agencyCode) {
        return lines.stream().filter(l -> l.split(" ")[1].equals(agencyCode))
                .map(l -> l.replace(" " + agencyCode, "")).toList();
    }

    @Test
    void followsThePlanFromJanuaryToMarchAndStopsWhenReportsArrive() {
        int year = 2030;
        MailServer mail = MailServer.get();
        try (World world = new World("A01"); Robot robot = new Robot()) {
            AgencyState city = world.agency(world.code("110000", 1), "北京市人民政府", "110000", AgencyKind.GOVERNMENT,
                    "city-a01@bj.gov.cn", null, null, year);
            AgencyState district = world.agency(world.code(REGION, 2), "北京市朝阳区人民政府", REGION,
                    AgencyKind.GOVERNMENT, "office-a01@bjchy.gov.cn", null, city.code(), year);
            AgencyState education = world.agency(world.code(REGION, 3), "北京市朝阳区教育委员会", REGION,
                    AgencyKind.DEPARTMENT, "edu-a01@bjchy.gov.cn", null, district.code(), year);
            AgencyState finance = world.agency(world.code(REGION, 4), "北京市朝阳区财政局", REGION,
                    AgencyKind.DEPARTMENT, null, robot.url("/finance"), district.code(), year);
            world.report(city, year, 1, ReportStatus.SUBMITTED, "2031-01-05T10:00:00+08:00", null);
            world.awaitApplied();

            List<String> sent = new ArrayList<>();
            for (LocalDate day = LocalDate.of(2031, 1, 1); !day.isAfter(LocalDate.of(2031, 3, 31)); day = day.plusDays(1)) {
                if (day.equals(LocalDate.of(2031, 2, 10))) {
                    world.report(finance, year, 1, ReportStatus.SUBMITTED, "2031-02-10T08:40:00+08:00", null);
                    world.awaitApplied();
                }
                if (day.equals(LocalDate.of(2031, 3, 29))) {
                    world.report(district, year, 1, ReportStatus.SUBMITTED, "2031-03-29T08:40:00+08:00", null);
                    world.awaitApplied();
                }
                collect(World.run(day + "T09:30:00+08:00"), sent);
                ChaseSummary night = World.run(day + "T21:00:00+08:00");
                assertTrue(night.quietHours());
                assertEquals(0, night.attempts().size(), "nothing is sent in quiet hours");
            }

            assertEquals(List.of(
                    "2031-01-17 BEFORE_14 EMAIL SENT", "2031-01-28 BEFORE_3 EMAIL SENT", "2031-01-31 DUE_DAY EMAIL SENT",
                    "2031-02-01 LATE_1 EMAIL SENT", "2031-02-14 LATE_14 EMAIL SENT", "2031-02-21 LATE_21 EMAIL SENT",
                    "2031-02-28 LATE_28 EMAIL SENT", "2031-03-07 LATE_35 EMAIL SENT", "2031-03-14 LATE_42 EMAIL SENT",
                    "2031-03-21 LATE_49 EMAIL SENT", "2031-03-28 LATE_56 EMAIL SENT"), only(sent, education.code()));
            assertEquals(List.of(
                    "2031-01-17 BEFORE_14 WEBHOOK SENT", "2031-01-28 BEFORE_3 WEBHOOK SENT",
                    "2031-01-31 DUE_DAY WEBHOOK SENT", "2031-02-01 LATE_1 WEBHOOK SENT"), only(sent, finance.code()),
                    "the finance bureau filed on 10 February: no reminder after that");
            assertEquals(List.of(
                    "2031-02-07 ESCALATION_7 EMAIL SENT", "2031-03-17 BEFORE_14 EMAIL SENT",
                    "2031-03-28 BEFORE_3 EMAIL SENT"), only(sent, district.code()),
                    "the district gets the digest of its departments, then its own reminders until it files on 29 March");
            assertEquals(List.of(), only(sent, city.code()), "the city filed in time");

            List<MailServer.Mail> toEducation = mail.messagesTo("edu-a01@bjchy.gov.cn");
            assertEquals(11, toEducation.size());
            assertTrue(toEducation.stream().anyMatch(m -> m.subject().equals(
                    "【提醒】2030年度政府信息公开工作年度报告请于2031年1月31日前报送（还有14天）")));
            MailServer.Mail firstLate = toEducation.stream()
                    .filter(m -> m.subject().equals("【催报】北京市朝阳区教育委员会2030年度政府信息公开工作年度报告已逾期1天"))
                    .findFirst().orElseThrow();
            assertEquals(List.of("office-a01@bjchy.gov.cn"), firstLate.cc(), "day 1 copies the supervising office");
            assertTrue(firstLate.html().contains("http://localhost:8081/api/v1/reports/2030/" + education.code()),
                    "the message says where to file");
            assertTrue(toEducation.stream().filter(m -> m.subject().contains("已逾期")).filter(m -> !m.equals(firstLate))
                    .allMatch(m -> m.cc().isEmpty()), "weekly reminders go to the agency alone");

            List<MailServer.Mail> digests = mail.messagesTo("office-a01@bjchy.gov.cn").stream()
                    .filter(m -> m.subject().startsWith("【督办】")).toList();
            assertEquals(1, digests.size());
            assertEquals("【督办】2030年度政府信息公开工作年度报告逾期未报送情况（2家）", digests.get(0).subject());
            String table = digests.get(0).html();
            assertTrue(table.contains("<td>北京市朝阳区教育委员会</td><td>" + education.code() + "</td><td>110105</td><td>7</td>"),
                    table);
            assertTrue(table.contains("<td>北京市朝阳区财政局</td>"), table);

            List<Robot.Post> robotPosts = robot.postsTo("/finance");
            assertEquals(4, robotPosts.size());
            assertTrue(robotPosts.get(3).body().contains("已逾期"), robotPosts.get(3).body());

            List<LateFiler> late = World.lateFilers(StackTestResource.stack().tokens().supervisor(REGION), year, REGION,
                    "2031-03-31T10:00:00+08:00");
            assertEquals(1, late.size(), "finance and the district filed; the city is outside the district");
            LateFiler edu = late.get(0);
            assertEquals(education.code(), edu.agencyCode());
            assertEquals(LocalDate.of(2031, 1, 31), edu.deadline());
            assertEquals(59, edu.daysLate());
            assertEquals(11, edu.remindersSent());
            assertTrue(edu.escalated());
            assertFalse(edu.unreachable());
            assertEquals(World.instant("2031-03-28T09:30:00+08:00"), edu.lastSentAt());
        }
    }

    @Test
    void aReturnRestartsTheChaseWithTheReviewersComment() {
        int year = 2031;
        String comment = "表三第一项与第二项之和不等于第三项与第四项之和，请核实后重报";
        MailServer mail = MailServer.get();
        try (World world = new World("B02")) {
            AgencyState office = world.agency(world.code("320102", 1), "南京市玄武区人民政府", "320102",
                    AgencyKind.GOVERNMENT, "office-b02@xw.gov.cn", null, null, year);
            AgencyState bureau = world.agency(world.code("320102", 2), "南京市玄武区住房和城乡建设局", "320102",
                    AgencyKind.DEPARTMENT, "zj-b02@xw.gov.cn", null, office.code(), year);
            world.awaitApplied();

            List<String> sent = new ArrayList<>();
            for (LocalDate day = LocalDate.of(2032, 1, 15); !day.isAfter(LocalDate.of(2032, 2, 29)); day = day.plusDays(1)) {
                if (day.equals(LocalDate.of(2032, 1, 20))) {
                    world.report(bureau, year, 1, ReportStatus.SUBMITTED, "2032-01-20T09:00:00+08:00", null);
                    world.awaitApplied();
                }
                if (day.equals(LocalDate.of(2032, 2, 15))) {
                    world.report(bureau, year, 3, ReportStatus.SUBMITTED, "2032-02-15T09:00:00+08:00", null);
                    world.awaitApplied();
                }
                collect(World.run(day + "T10:00:00+08:00"), sent);
                if (day.equals(LocalDate.of(2032, 2, 3))) {
                    world.report(bureau, year, 2, ReportStatus.RETURNED, "2032-02-03T11:00:00+08:00", comment);
                    world.awaitApplied();
                    collect(World.run(day + "T14:00:00+08:00"), sent);
                }
            }

            assertEquals(List.of("2032-01-17 BEFORE_14 EMAIL SENT", "2032-02-03 RETURNED_R2 EMAIL SENT",
                    "2032-02-14 LATE_14 EMAIL SENT"), only(sent, bureau.code()),
                    "filed on 20 January, returned on 3 February, refiled on 15 February");
            assertEquals(List.of("2032-02-07 ESCALATION_7 EMAIL SENT"), only(sent, office.code()));

            List<MailServer.Mail> toBureau = mail.messagesTo("zj-b02@xw.gov.cn");
            MailServer.Mail returned = toBureau.stream().filter(m -> m.subject().startsWith("【退回重报】"))
                    .findFirst().orElseThrow();
            assertTrue(returned.html().contains("审核意见：" + comment), returned.html());
            assertTrue(returned.html().contains("已逾期<strong>3天</strong>"), returned.html());
            MailServer.Mail weekly = toBureau.stream().filter(m -> m.subject().startsWith("【催报】"))
                    .findFirst().orElseThrow();
            assertTrue(weekly.html().contains(comment), "the weekly reminder still carries the comment");
            assertTrue(weekly.html().contains("已退回待重报"), weekly.html());

            String digest = mail.messagesTo("office-b02@xw.gov.cn").stream().filter(m -> m.subject().startsWith("【督办】"))
                    .findFirst().orElseThrow().html();
            assertTrue(digest.contains("已退回待重报") && digest.contains(comment), digest);

            assertEquals(List.of(DeliveryStatus.SENT, DeliveryStatus.SENT, DeliveryStatus.SENT),
                    World.log(bureau.code(), year).stream().filter(v -> v.kind() == DeliveryKind.REMINDER)
                            .map(v -> v.status()).toList());
            assertTrue(World.log(bureau.code(), year).stream()
                    .anyMatch(v -> v.listedInDigest() && v.channel() == Channel.EMAIL), "the log shows the digest too");
        }
    }
}
