package org.ogi.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventsTest {

    @Test
    void reportEventRoundTripsThroughJson() throws IOException {
        ParsedReport report = TestReports.parseOk(TestReports.pingtan2022(), 2022);
        ReportState state = new ReportState("11350128MB0000000X", "350128", 2022, 2, 3, ReportStatus.RETURNED, "2021",
                Instant.parse("2023-01-20T07:07:00.123Z"), LocalDate.of(2023, 3, 31), true, report.cells(),
                List.of(new Finding("R6", Severity.WARNING, "requests.carriedOver.total", "第三部分“总计”列：…")),
                "请补充说明", "11350128MB1111111Y", Instant.parse("2023-02-01T01:00:00Z"));
        ReportEvent event = new ReportEvent(UUID.randomUUID(), ReportEvent.REVIEWED, Instant.parse("2023-02-01T01:00:01Z"), state);

        String json = Events.toJson(event);
        assertEquals(event, Events.fromJson(json, ReportEvent.class));

        JsonNode tree = Events.mapper().readTree(json);
        assertEquals("2023-01-20T07:07:00.123Z", tree.at("/report/receivedAt").asText());
        assertEquals("2023-03-31", tree.at("/report/deadline").asText());
        assertEquals("RETURNED", tree.at("/report/status").asText());
        assertEquals("9116.36", tree.at("/report/cells/activeDisclosure.fees.amount10kYuan").asText());
        assertEquals(74, tree.at("/report/cells/requests.new.total").asInt());
    }

    @Test
    void agencyEventRoundTripsThroughJson() throws IOException {
        AgencyState agency = new AgencyState("11500000009275780L", "重庆市人民政府", "500000", AgencyKind.GOVERNMENT,
                "gk@cq.gov.cn", null, null, LocalDate.of(2008, 5, 1), null);
        AgencyEvent event = AgencyEvent.upserted(agency, Instant.parse("2024-01-02T03:04:05Z"));

        String json = Events.toJson(event);
        assertEquals(event, Events.fromJson(json, AgencyEvent.class));
        assertTrue(json.contains("\"occurredAt\":\"2024-01-02T03:04:05Z\""), json);
        assertTrue(json.contains("\"type\":\"AgencyUpserted\""), json);
    }

    @Test
    void toleratesFieldsAddedByNewerProducers() throws IOException {
        String json = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"AgencyUpserted\",\"occurredAt\":"
                + "\"2024-01-02T03:04:05Z\",\"schemaVersion\":2,\"agency\":{\"code\":\"11500000009275780L\"}}";

        assertEquals("11500000009275780L", Events.fromJson(json, AgencyEvent.class).agency().code());
    }

    @Test
    void malformedEventsFailToDecode() {
        assertThrows(IOException.class, () -> Events.fromJson("{\"eventId\":\"not-a-uuid\"}", AgencyEvent.class));
        assertThrows(IOException.class, () -> Events.fromJson("{", ReportEvent.class));
    }

    @Test
    void topicNamesAndKeys() {
        assertEquals("ogi.reports.dlq", Topics.dlq(Topics.REPORTS));
        assertEquals("ogi.agencies.dlq", Topics.dlq(Topics.AGENCIES));
        assertEquals("11500000009275780L:2023", Topics.reportKey("11500000009275780L", 2023));
    }
}
