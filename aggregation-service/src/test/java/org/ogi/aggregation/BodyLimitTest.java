package org.ogi.aggregation;

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

/** The one write endpoint reads no body: 10 MB sent to it anyway is a 413 problem before anything runs. */
@QuarkusTest
@WithTestResource(value = StackTestResource.class, initArgs = @ResourceArg(name = "database", value = "aggregation"))
class BodyLimitTest {

    @Test
    void tenMegabytesToTheRebuildAreATooLargeProblem() {
        Oversized.Answer a = Oversized.send(URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/api/v1/statistics/rebuild"),
                "POST", StackTestResource.stack().tokens().admin(), "application/json", 10 * 1024 * 1024, false);
        assertEquals(413, a.status(), a.toString());
        assertEquals(Optional.empty(), ProblemCheck.answerProblem(a.status(), a.contentType(), a.text()), a.toString());
        assertTrue(a.text().contains("64 KB"), a.toString());
    }
}
