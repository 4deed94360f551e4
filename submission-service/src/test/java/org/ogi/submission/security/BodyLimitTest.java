package org.ogi.submission.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ogi.submission.Fixtures.registerDepartment;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ogi.stack.StackTestResource;
import org.ogi.stack.fuzz.Oversized;
import org.ogi.stack.fuzz.ProblemCheck;

/**
 * A 10 MB body is refused with a 413 on every write endpoint, with or without a Content-Length; the limits
 * (2 MB for reports and legacy pages, 8 MB for the CSV import, 64 KB for the rest) still let real documents through.
 */
@QuarkusTest
@WithTestResource(value = StackTestResource.class, initArgs = @ResourceArg(name = "database", value = "submission"))
class BodyLimitTest {

    private static final int TEN_MB = 10 * 1024 * 1024;

    @Test
    void tenMegabytesAreATooLargeProblemOnEveryWriteEndpoint() {
        String code = registerDepartment("421303");
        String admin = StackTestResource.stack().tokens().admin();
        List<String[]> endpoints = List.of(
                new String[] {"PUT", "/api/v1/reports/2022/" + code, "application/json"},
                new String[] {"POST", "/api/v1/reports/2022/" + code + "/validation", "application/json"},
                new String[] {"POST", "/api/v1/reports/2022/" + code + "/withdrawal", "application/json"},
                new String[] {"POST", "/api/v1/reports/2022/" + code + "/review", "application/json"},
                new String[] {"PUT", "/api/v1/agencies/" + code, "application/json"},
                new String[] {"POST", "/api/v1/agencies/import", "text/csv"},
                new String[] {"POST", "/api/v1/legacy-reports/extraction", "text/plain"});
        for (String[] e : endpoints) {
            // a withdrawal reads no body: a chunked one (size unknown up front) is never read, nor refused
            boolean readsBody = !e[1].endsWith("/withdrawal");
            for (boolean chunked : readsBody ? new boolean[] {false, true} : new boolean[] {false}) {
                Oversized.Answer a = Oversized.send(uri(e[1]), e[0], admin, e[2], TEN_MB, chunked);
                String what = e[0] + " " + e[1] + (chunked ? " chunked" : "") + ": " + a;
                assertEquals(413, a.status(), what);
                if (!chunked) {
                    // without a Content-Length the size is only known while reading: Quarkus itself answers an
                    // empty 413 then (quarkus.http.limits.max-body-size); with one, BodyLimits answers a problem
                    assertEquals(Optional.empty(), ProblemCheck.answerProblem(a.status(), a.contentType(), a.text()), what);
                    assertTrue(a.text().contains("请求体过大"), what);
                }
            }
        }
    }

    @Test
    void bodiesUnderTheLimitsAreRead() {
        String admin = StackTestResource.stack().tokens().admin();
        // 1.5 MB of a report and 6 MB of CSV are read (and refused for their content, not their size)
        Oversized.Answer report = Oversized.send(uri("/api/v1/reports/2022/" + registerDepartment("421303")), "PUT", admin,
                "application/json", 1_500_000, false);
        assertNotEquals(413, report.status(), report.toString());
        Oversized.Answer csv = Oversized.send(uri("/api/v1/agencies/import"), "POST", admin, "text/csv", 6_000_000, false);
        assertNotEquals(413, csv.status(), csv.toString());
        Oversized.Answer agency = Oversized.send(uri("/api/v1/agencies/" + registerDepartment("421303")), "PUT", admin,
                "application/json", 100_000, false);
        assertEquals(413, agency.status(), "an agency record is a few hundred bytes: 64 KB at most: " + agency);
    }

    private static URI uri(String path) {
        return URI.create(RestAssured.baseURI + ":" + RestAssured.port + path);
    }
}
