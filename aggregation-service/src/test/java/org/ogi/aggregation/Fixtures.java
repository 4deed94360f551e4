package org.ogi.aggregation;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.ogi.format.AgencyCodes;
import org.ogi.format.AgencyKind;
import org.ogi.format.AgencyState;
import org.ogi.format.CellDef;
import org.ogi.format.CellType;
import org.ogi.format.ReportFormat;
import org.ogi.format.ReportState;
import org.ogi.format.ReportStatus;

/** Agencies, report states and API reads for the tests. Codes are unique per JVM so tests never share agencies. */
final class Fixtures {

    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    private Fixtures() {
    }

    /** A fresh valid unified social credit code registered in {@code region}. */
    static String agencyCode(String region) {
        String serial = String.format("%09d", SERIAL.incrementAndGet() % 1_000_000_000L);
        return AgencyCodes.withCheckCharacter("11" + region + serial);
    }

    static AgencyState agency(String code, String region, LocalDate validFrom, LocalDate validTo) {
        return new AgencyState(code, "测试机关" + code.substring(10), region, AgencyKind.DEPARTMENT, null, null, null,
                validFrom, validTo);
    }

    static ReportState state(String code, String region, int year, int version, long revision, ReportStatus status,
            boolean onTime, Map<String, BigDecimal> cells) {
        String format = ReportFormat.requiredFor(year).id();
        LocalDate deadline = LocalDate.of(year + 1, 1, 31);
        Instant received = deadline.plusDays(onTime ? -10 : 5).atStartOfDay(ZoneOffset.UTC).toInstant();
        return new ReportState(code, region, year, version, revision, status, format, received, deadline, onTime,
                cells, List.of(), null, null, null);
    }

    /** Every cell of the year's format at zero (legacy: null), as a mutable map. */
    static Map<String, BigDecimal> zeros(int year) {
        ReportFormat format = ReportFormat.requiredFor(year);
        Map<String, BigDecimal> cells = new LinkedHashMap<>();
        for (CellDef def : format.cells()) {
            cells.put(def.key(), format.tabular() ? BigDecimal.ZERO : null);
        }
        return cells;
    }

    /** Random values of the right type for every cell (legacy figures are sometimes unstated: null). */
    static Map<String, BigDecimal> randomCells(Random random, int year) {
        ReportFormat format = ReportFormat.requiredFor(year);
        Map<String, BigDecimal> cells = new LinkedHashMap<>();
        for (CellDef def : format.cells()) {
            BigDecimal value = switch (def.type()) {
                case COUNT -> BigDecimal.valueOf(random.nextInt(60));
                case SIGNED_COUNT -> BigDecimal.valueOf(random.nextInt(21) - 10);
                case AMOUNT -> BigDecimal.valueOf(random.nextInt(1_000_000), 2);
            };
            if (!format.tabular() && random.nextInt(10) < 3) {
                value = null;
            }
            cells.put(def.key(), value);
        }
        return cells;
    }

    static boolean isAmount(ReportFormat format, String key) {
        return format.cell(key).map(d -> d.type() == CellType.AMOUNT).orElse(false);
    }

    static JsonNode get(String path) {
        String body = given().when().get(path).then().statusCode(200).extract().asString();
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode region(int year, String code) {
        return get("/api/v1/statistics/" + year + "/regions/" + code);
    }

    /** A cell of a statistics answer as an exact decimal; absent means zero. */
    static BigDecimal cell(JsonNode view, String key) {
        JsonNode v = view.path("cells").get(key);
        return v == null || v.isNull() ? BigDecimal.ZERO : v.decimalValue();
    }
}
