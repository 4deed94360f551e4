package org.ogi.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ogi.format.AgencyKind;
import org.ogi.format.AgencyState;
import org.ogi.format.ReportStatus;
import org.ogi.stack.StackTestResource;

/**
 * An agency name and a reviewer's comment carrying HTML reach the agency as text: escaped in the HTML part of the
 * e-mail the SMTP server received, and inert (no tag, no link, no forged line) in the robot's markdown message.
 */
@QuarkusTest
@WithTestResource(value = StackTestResource.class, initArgs = @ResourceArg(name = "database", value = "notification"))
@WithTestResource(MailTestResource.class)
class HostileTextTest {

    static final String NAME = "<img src=x onerror=alert(1)>局</td><script>alert(2)</script>";
    static final String COMMENT = "请补充[详情](http://evil.example)\n> 抄送：<b>国务院</b><script>alert(3)</script>";

    @Test
    void htmlInANameOrACommentIsEscapedInTheMailAndInertInTheMarkdown() throws Exception {
        int year = 2050;
        try (World world = new World("H7X"); Robot robot = new Robot()) {
            AgencyState agency = world.agency(world.code("421303", 1), NAME, "421303", AgencyKind.DEPARTMENT,
                    "h7x@zd.gov.cn", robot.url("/h7x"), null, year);
            world.report(agency, year, 2, ReportStatus.RETURNED, (year + 1) + "-01-20T10:00:00+08:00", COMMENT);
            world.awaitApplied();
            World.run((year + 1) + "-02-03T10:00:00+08:00");

            List<MailServer.Mail> mails = MailServer.get().messagesTo("h7x@zd.gov.cn");
            assertEquals(1, mails.size(), "one returned-report reminder");
            String html = mails.get(0).html();
            for (String raw : List.of("<img", "<script", "</td>", "<b>")) {
                assertFalse(html.contains(raw), "raw " + raw + " in the mail: " + html);
            }
            assertTrue(html.contains("&lt;img src=x onerror=alert(1)&gt;局&lt;/td&gt;&lt;script&gt;"), html);
            assertTrue(html.contains("&lt;script&gt;alert(3)&lt;/script&gt;"), html);

            List<Robot.Post> posts = robot.postsTo("/h7x");
            assertEquals(1, posts.size());
            JsonNode payload = new ObjectMapper().readTree(posts.get(0).body());
            String markdown = payload.path("markdown").path("content").asText(payload.path("markdown").path("text").asText());
            assertFalse(markdown.isBlank(), posts.get(0).body());
            for (String raw : List.of("<img", "<script", "</td>", "<b>", "[详情](", "\n> 抄送：")) {
                assertFalse(markdown.contains(raw), "raw " + raw.strip() + " in the markdown: " + markdown);
            }
            assertTrue(markdown.contains("＜img src=x onerror=alert(1)＞局＜/td＞＜script＞"), markdown);
            assertEquals(1, markdown.split("\\]\\(http", -1).length - 1, "only the system's own filing link: " + markdown);
        }
    }
}
