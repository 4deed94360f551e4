package org.ogi.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ogi.stack.StackTestResource;
import org.ogi.stack.fuzz.Oversized;
import org.ogi.stack.fuzz.ProblemCheck;

/** The chase run reads no body: 10 MB sent to it anyway is a 413 problem, and no chase runs. */
@QuarkusTest
@WithTestResource(value = StackTestResource.class, initArgs = @ResourceArg(name = "database", value = "notification"))
@WithTestResource(MailTestResource.class)
class BodyLimitTest {

    @Test
    void tenMegabytesToTheChaseRunAreATooLargeProblem() {
        URI uri = URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/api/v1/chase-runs?at=2049-08-01T10:00:00%2B08:00");
        Oversized.Answer a = Oversized.send(uri, "POST", StackTestResource.stack().tokens().admin(), "application/json",
                10 * 1024 * 1024, false);
        assertEquals(413, a.status(), a.toString());
        assertEquals(Optional.empty(), ProblemCheck.answerProblem(a.status(), a.contentType(), a.text()), a.toString());
        assertTrue(a.text().contains("64 KB"), a.toString());
    }
}
