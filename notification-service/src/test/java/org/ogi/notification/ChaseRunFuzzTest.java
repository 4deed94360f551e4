package org.ogi.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ogi.stack.StackTestResource;
import org.ogi.stack.fuzz.Hostile;
import org.ogi.stack.fuzz.MalformedCase;
import org.ogi.stack.fuzz.ProblemCheck;

/**
 * Generated malformed instants for the chase run (and for the late-filers' {@code at} and {@code year}): each is a 400
 * problem naming the parameter, no chase runs, nothing is sent or recorded.
 */
@QuarkusTest
@WithTestResource(value = StackTestResource.class, initArgs = @ResourceArg(name = "database", value = "notification"))
@WithTestResource(MailTestResource.class)
class ChaseRunFuzzTest {

    private static final int REQUESTS = 600;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final List<String> INSTANTS = List.of("2025-02-30T10:00:00+08:00", "2025-02-02T10:00:00",
            "2025-02-02T25:00:00+08:00", "2025-02-02", "now", "2025-02-02T10:00:00+19:00", "+999999999-12-31T23:59:59+18:00",
            "-999999999-01-01T00:00:00+08:00", "10000-01-01T00:00:00+08:00", "0001-01-01T00:00:00Z", "2025-13-01T00:00:00Z",
            "2025-02-02T10:00:00+08:00[Asia/Shanghai]x", "1738459200", "2025-W05-7T10:00:00+08:00");

    @Test
    void malformedInstantsAreRefusedAndNothingIsSent() throws Exception {
        Map<String, Long> before = rows();
        ProblemCheck check = new ProblemCheck();
        List<String> wrong = new ArrayList<>();
        Random random = new Random(47L);
        String admin = World.admin();
        for (int i = 0; i < REQUESTS; i++) {
            String value = random.nextInt(3) == 0 ? Hostile.pick(Hostile.PARAMETERS, random).strip()
                    : Hostile.pick(INSTANTS, random);
            if (value.isEmpty()) {
                value = "x"; // an empty at means "now": a valid run
            }
            boolean late = random.nextInt(4) == 0;
            String query = late ? "/api/v1/late-filers?region=421300&at=" : "/api/v1/chase-runs?at=";
            MalformedCase c = new MalformedCase("at=" + value, List.of("at", "年份", "year"), null, null);
            HttpRequest request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + query
                    + URLEncoder.encode(value, StandardCharsets.UTF_8))).header("Authorization", "Bearer " + admin)
                    .method(late ? "GET" : "POST", HttpRequest.BodyPublishers.noBody()).build();
            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            check.check(c, r.statusCode(), r.headers().firstValue("Content-Type").orElse(null), r.body())
                    .ifPresent(p -> {
                        if (wrong.size() < 10) {
                            wrong.add(c.defect() + " -> " + p + ": " + r.statusCode() + " " + r.body());
                        }
                    });
        }
        System.out.println(check.summary("POST /api/v1/chase-runs and GET /api/v1/late-filers (at)"));
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
        assertEquals(REQUESTS, check.sent());
        assertEquals(before, rows(), "rows recorded by refused chase runs");
    }

    private static Map<String, Long> rows() throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection c = World.database(); Statement s = c.createStatement()) {
            for (String table : List.of("delivery", "digest_item", "report", "agency")) {
                try (ResultSet rs = s.executeQuery("select count(*) from " + table)) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
        }
        return counts;
    }
}
