package org.ogi.format.narrative;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The measurement: extraction compared field by field with what a careful reader took from three real published
 * pages (shared/samples/legacy, copied to test resources). The region code needs the registry and is scored by
 * the submission service's test; here every other field counts.
 */
class LegacySamplesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void extractionMatchesTheCarefulReaderFieldByField() throws IOException {
        JsonNode expected = JSON.readTree(resource("expected.json"));
        List<String> misses = new ArrayList<>();
        int fields = 0;
        for (var it = expected.fieldNames(); it.hasNext(); ) {
            String file = it.next();
            if (file.startsWith("_")) {
                continue;
            }
            JsonNode want = expected.get(file);
            LegacyExtraction got = LegacyExtractor.extract(new String(resource(file), StandardCharsets.UTF_8),
                    LegacyExtractor.RegionResolver.NONE);
            List<String[]> compared = compare(want, got);
            fields += compared.size();
            for (String[] c : compared) {
                if (!c[1].equals(c[2])) {
                    misses.add(file + " " + c[0] + ": expected " + c[1] + ", got " + c[2]);
                }
            }
        }
        System.out.printf("legacy extraction score: %d/%d fields%n", fields - misses.size(), fields);
        misses.forEach(m -> System.out.println("  miss " + m));
        assertEquals(List.of(), misses);
    }

    /** [field, expected, actual] for every field of expected.json except regionCode. */
    static List<String[]> compare(JsonNode want, LegacyExtraction got) {
        List<String[]> out = new ArrayList<>();
        out.add(new String[] {"documentType", want.get("documentType").asText(), got.documentType()});
        if (!got.annualReport() || !"ANNUAL_REPORT".equals(want.get("documentType").asText())) {
            out.add(new String[] {"why (a reason is given)", "true", String.valueOf(got.reason() != null && !got.reason().isBlank())});
            return out;
        }
        out.add(new String[] {"agencyName", want.get("agencyName").asText(), got.agencyName()});
        out.add(new String[] {"reportYear", want.get("reportYear").asText(), String.valueOf(got.reportYear())});
        if (want.has("signedOn")) {
            out.add(new String[] {"signedOn", want.get("signedOn").asText(), String.valueOf(got.signedOn())});
        }
        if (want.has("publishedOn")) {
            out.add(new String[] {"publishedOn", want.get("publishedOn").asText(), String.valueOf(got.publishedOn())});
        }
        for (var m = want.get("metrics").fields(); m.hasNext(); ) {
            var e = m.next();
            LegacyExtraction.Metric metric = got.metrics().get(e.getKey());
            String expectedValue = e.getValue().isNull() ? "null"
                    : e.getValue().get("value").asText() + (e.getValue().get("approximate").asBoolean() ? "~" : "");
            String actual = metric == null ? "null" : metric.value().toPlainString() + (metric.approximate() ? "~" : "");
            out.add(new String[] {"metrics." + e.getKey(), expectedValue, actual});
        }
        List<String> missing = new ArrayList<>();
        want.get("missingSections").forEach(n -> missing.add(n.asText()));
        out.add(new String[] {"missingSections", missing.toString(), got.missingSections().toString()});
        out.add(new String[] {"findings (count)", String.valueOf(want.get("findings").size()),
                String.valueOf(got.findings().size())});
        return out;
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = LegacySamplesTest.class.getResourceAsStream("/legacy/" + name)) {
            return in.readAllBytes();
        }
    }
}
