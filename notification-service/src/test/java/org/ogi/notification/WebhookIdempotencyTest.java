package org.ogi.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ogi.format.AgencyKind;
import org.ogi.format.AgencyState;
import org.ogi.notification.service.ChaseSummary;
import org.ogi.stack.StackTestResource;

/**
 * A webhook receiver (a real HTTP server) can tell a retried delivery from a new reminder by its
 * {@code Idempotency-Key}: a retry after an answer it never got carries the key of the first attempt.
 */
@QuarkusTest
@WithTestResource(value = StackTestResource.class, initArgs = @ResourceArg(name = "database", value = "notification"))
@WithTestResource(MailTestResource.class)
class WebhookIdempotencyTest {

    @Test
    void everyAttemptOfOneReminderCarriesTheSameKeyAndOtherRemindersOtherKeys() {
        int year = 2052;
        try (World world = new World("W19"); Robot robot = new Robot()) {
            robot.answer("/w19-flaky", 503); // the receiver took the message but its answer says it failed
            AgencyState flaky = world.agency(world.code("140105", 1), "太原市小店区民政局", "140105",
                    AgencyKind.DEPARTMENT, null, robot.url("/w19-flaky"), null, year);
            AgencyState steady = world.agency(world.code("140105", 2), "太原市小店区水务局", "140105",
                    AgencyKind.DEPARTMENT, null, robot.url("/w19-steady"), null, year);
            world.awaitApplied();

            assertEquals(List.of("LATE_1 FAILED"), stages(World.run("2053-02-01T10:00:00+08:00"), flaky.code()));
            assertEquals(List.of("LATE_1 FAILED"), stages(World.run("2053-02-01T10:05:00+08:00"), flaky.code()));
            robot.answer("/w19-flaky", 200);
            assertEquals(List.of("LATE_1 SENT"), stages(World.run("2053-02-01T10:15:00+08:00"), flaky.code()));

            List<String> attempts = keys(robot, "/w19-flaky");
            assertEquals(3, attempts.size(), "three attempts of one reminder: " + attempts);
            assertNotNull(attempts.get(0));
            assertEquals(1, attempts.stream().distinct().count(), "one key for every attempt: " + attempts);
            assertTrue(attempts.get(0).startsWith("REMINDER." + flaky.code() + "." + year + ".LATE_1."),
                    attempts.get(0));

            List<String> other = keys(robot, "/w19-steady");
            assertEquals(1, other.size());
            assertNotEquals(attempts.get(0), other.get(0), "another agency's reminder, another key");

            ChaseSummary later = World.run("2053-02-14T10:00:00+08:00");
            assertEquals(List.of("LATE_14 SENT"), stages(later, flaky.code()));
            List<String> all = keys(robot, "/w19-flaky");
            assertEquals(4, all.size());
            assertNotEquals(attempts.get(0), all.get(3), "the next stage is another reminder, with another key");
            assertTrue(all.get(3).contains(".LATE_14."), all.get(3));
        }
    }

    private static List<String> keys(Robot robot, String path) {
        return robot.postsTo(path).stream().map(Robot.Post::idempotencyKey).toList();
    }

    private static List<String> stages(ChaseSummary summary, String agencyCode) {
        return summary.attempts().stream().filter(a -> a.agencyCode().equals(agencyCode))
                .map(a -> a.stage() + " " + a.status()).toList();
    }
}
