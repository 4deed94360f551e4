package org.ogi.submission;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.ogi.submission.Fixtures.pingtan;
import static org.ogi.submission.Fixtures.registerDepartment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.ogi.format.Topics;
import org.ogi.stack.StackTestResource;

/** The transactional outbox seen from a consumer of ogi.reports, including a broker outage in the middle of filing. */
@QuarkusTest
@WithTestResource(value = StackTestResource.class, initArgs = @ResourceArg(name = "database", value = "submission"))
class OutboxDeliveryTest {

    @Test
    void everyChangeIsPublishedOnceUnderItsKeyWithAGrowingRevision() throws Exception {
        String code = registerDepartment("421303");
        String key = Topics.reportKey(code, 2022);
        FilingTest.file(code, 2022, pingtan()).then().statusCode(201);
        FilingTest.file(code, 2022, pingtan()).then().statusCode(200); // idempotent: no event
        ObjectNode amended = pingtan();
        ((ObjectNode) amended.at("/activeDisclosure/licensing")).put("decisions", 10691);
        FilingTest.file(code, 2022, amended).then().statusCode(200);
        ReviewTest.review(code, "421300", "ACCEPT", "通过").then().statusCode(200);

        List<ConsumerRecord<String, String>> events = EventProbe.read(Topics.REPORTS, key::equals,
                found -> found.size() >= 3, Duration.ofSeconds(30));
        // give a stray fourth event (the idempotent re-send) time to show up if it had been published
        events = EventProbe.read(Topics.REPORTS, key::equals, found -> false, Duration.ofSeconds(2));
        assertEquals(List.of(1L, 2L, 3L), revisions(events));
        List<JsonNode> payloads = new ArrayList<>();
        for (ConsumerRecord<String, String> r : events) {
            payloads.add(Fixtures.JSON.readTree(r.value()));
        }
        assertEquals(List.of("ReportFiled", "ReportAmended", "ReportReviewed"),
                payloads.stream().map(p -> p.get("type").asText()).toList());
        JsonNode last = payloads.get(2).get("report");
        assertEquals("ACCEPTED", last.get("status").asText());
        assertEquals(2, last.get("version").asInt());
        assertEquals("421303", last.get("regionCode").asText());
        assertEquals(10691, last.at("/cells/activeDisclosure.licensing.decisions").asInt());
        assertEquals(75, last.at("/cells/requests.totalHandled.total").asInt());
        assertEquals(0, new java.math.BigDecimal("9116.36").compareTo(last.at("/cells/activeDisclosure.fees.amount10kYuan").decimalValue()));
    }

    @Test
    void filingsDuringABrokerOutageSucceedAndAreDeliveredExactlyOnceInOrderAfterwards() {
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            codes.add(registerDepartment("421321"));
        }
        Map<String, Integer> expected = new HashMap<>();
        var kafka = StackTestResource.stack().kafka();
        kafka.stop();
        try {
            for (String code : codes) {
                ObjectNode body = pingtan();
                FilingTest.file(code, 2022, body).then().statusCode(201);
                for (int v = 2; v <= 3; v++) {
                    ((ObjectNode) body.at("/activeDisclosure/penalties")).put("decisions", 2000 + v);
                    FilingTest.file(code, 2022, body).then().statusCode(200).body("version", equalTo(v));
                }
                expected.put(Topics.reportKey(code, 2022), 3);
            }
            given().get("/q/health/ready").then().statusCode(200)
                    .body("checks.find { it.name == 'outbox' }.data.kafka", equalTo("DOWN"))
                    .body("checks.find { it.name == 'outbox' }.data.backlog", greaterThan(0));
        } finally {
            kafka.restart();
        }
        Set<String> keys = expected.keySet();
        List<ConsumerRecord<String, String>> events = EventProbe.read(Topics.REPORTS, keys::contains,
                found -> found.size() >= 12, Duration.ofSeconds(60));
        events = EventProbe.read(Topics.REPORTS, keys::contains, found -> false, Duration.ofSeconds(3));
        Map<String, List<Long>> byKey = events.stream().collect(Collectors.groupingBy(ConsumerRecord::key,
                Collectors.mapping(r -> revision(r), Collectors.toList())));
        for (String key : keys) {
            assertEquals(LongStream.rangeClosed(1, 3).boxed().toList(), byKey.get(key), "revisions of " + key);
        }
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().get("/q/health/ready").then().statusCode(200)
                        .body("checks.find { it.name == 'outbox' }.data.backlog", equalTo(0)));
    }

    private static List<Long> revisions(List<ConsumerRecord<String, String>> events) {
        return events.stream().map(OutboxDeliveryTest::revision).toList();
    }

    private static long revision(ConsumerRecord<String, String> r) {
        try {
            return Fixtures.JSON.readTree(r.value()).at("/report/revision").asLong();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
