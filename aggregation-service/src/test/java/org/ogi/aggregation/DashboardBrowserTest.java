package org.ogi.aggregation;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.ogi.format.AgencyKind;
import org.ogi.format.AgencyState;
import org.ogi.format.ReportState;
import org.ogi.format.ReportStatus;
import org.ogi.stack.StackTestResource;

/**
 * The dashboard in a real headless Chromium against the real stack, in 甘肃 (620000; this class alone uses province 62):
 * what it shows must be what the API says, it must navigate by URL, pick up new filings by itself and never run a
 * name as markup. One browser for the class.
 */
@QuarkusTest
@WithTestResource(value = StackTestResource.class, initArgs = @ResourceArg(name = "database", value = "aggregation"))
class DashboardBrowserTest {

    static final String GANSU = "620000";
    static final String LANZHOU = "620100";
    static final String CHENGGUAN = "620102";
    static final String QILIHE = "620103";
    static final String JIAYUGUAN = "620200";
    static final String HOSTILE = "<img src=x onerror=alert(1)>";
    static final int YEAR = 2024;

    private static Browser browser;
    private static String jiayuguanAgency;
    private static boolean loaded;

    @TestHTTPResource("/")
    URL root;

    @BeforeAll
    static void startBrowser() {
        browser = Browser.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    /**
     * 城关区: three departments (on time with figures, late, and one named like an HTML injection that has not filed);
     * 七里河区: a government on time; 嘉峪关市: a department that files during a test. 城关区's first department also
     * filed for 2023, so the year picker has something to change.
     */
    private static synchronized void scenario() {
        if (loaded) {
            return;
        }
        Instant t = Instant.parse("2025-01-01T00:00:00Z");
        String a = Fixtures.agencyCode(CHENGGUAN);
        String b = Fixtures.agencyCode(CHENGGUAN);
        String hostile = Fixtures.agencyCode(CHENGGUAN);
        String qilihe = Fixtures.agencyCode(QILIHE);
        jiayuguanAgency = Fixtures.agencyCode(JIAYUGUAN);
        try (TestEvents events = new TestEvents()) {
            events.agency(agency(a, "兰州市城关区教育局", CHENGGUAN, AgencyKind.DEPARTMENT), t);
            events.agency(agency(b, "兰州市城关区民政局", CHENGGUAN, AgencyKind.DEPARTMENT), t);
            events.agency(agency(hostile, HOSTILE, CHENGGUAN, AgencyKind.DEPARTMENT), t);
            events.agency(agency(qilihe, "兰州市七里河区人民政府", QILIHE, AgencyKind.GOVERNMENT), t);
            events.agency(agency(jiayuguanAgency, "嘉峪关市财政局", JIAYUGUAN, AgencyKind.DEPARTMENT), t);
            events.report(filed(a, CHENGGUAN, YEAR, true, values("requests.new.total", 120_000,
                    "requests.new.naturalPerson", 100_000, "requests.new.business", 20_000,
                    "requests.granted.total", 60, "requests.partlyGranted.total", 20,
                    "requests.refusedStateSecret.total", 5, "requests.unavailableNotHeld.total", 10,
                    "requests.totalHandled.total", 100, "reviewAndLitigation.adminReview.upheld", 3,
                    "reviewAndLitigation.adminReview.corrected", 1, "activeDisclosure.licensing.decisions", 1200)));
            events.report(filed(b, CHENGGUAN, YEAR, false, Map.of("requests.new.total", 30,
                    "requests.granted.total", 10, "requests.totalHandled.total", 12)));
            events.report(filed(qilihe, QILIHE, YEAR, true, Map.of("requests.new.total", 7,
                    "requests.totalHandled.total", 7, "requests.granted.total", 7)));
            events.report(filed(a, CHENGGUAN, YEAR - 1, true, Map.of("requests.new.total", 50)));
            events.flush();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertEquals(3, Fixtures.region(YEAR, GANSU).at("/compliance/filed").asLong());
            assertEquals(5, Fixtures.region(YEAR, GANSU).at("/compliance/expected").asLong());
            assertEquals(1, Fixtures.region(YEAR - 1, GANSU).at("/compliance/filed").asLong());
        });
        loaded = true;
    }

    private static AgencyState agency(String code, String name, String region, AgencyKind kind) {
        return new AgencyState(code, name, region, kind, null, null, null, null, null);
    }

    private static Map<String, Integer> values(Object... keysAndValues) {
        Map<String, Integer> values = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put((String) keysAndValues[i], (Integer) keysAndValues[i + 1]);
        }
        return values;
    }

    private static ReportState filed(String code, String region, int year, boolean onTime,
            Map<String, Integer> values) {
        Map<String, BigDecimal> cells = Fixtures.zeros(year);
        values.forEach((k, v) -> cells.put(k, BigDecimal.valueOf(v)));
        return Fixtures.state(code, region, year, 1, 1, ReportStatus.SUBMITTED, onTime, cells);
    }

    /** Opens the page and waits until it shows the region's compliance (the refresh polls every second here). */
    private void open(String region, int year) {
        browser.driver.get(root + "?region=" + region + "&year=" + year + "&refresh=1");
        awaitShown(region);
    }

    private void awaitShown(String region) {
        browser.waiting().until(d -> region.equals(currentParam("region"))
                && !d.findElement(By.id("main")).getAttribute("outerHTML").contains("aria-busy")
                && !d.findElements(By.cssSelector("[data-kpi=expected] .value")).isEmpty()
                && d.findElement(By.id("breadcrumb")).getText().length() > 0);
        browser.waiting().until(d -> d.findElement(By.id("status")).getText().isEmpty()
                || !d.findElement(By.id("status")).getAttribute("class").contains("loading"));
    }

    private String currentParam(String name) {
        return (String) browser.js("return new URLSearchParams(location.search).get(arguments[0])", name);
    }

    private String kpi(String key) {
        return browser.driver.findElement(By.cssSelector("[data-kpi=" + key + "] .value")).getText();
    }

    @Test
    void thePageLoadsWithoutConsoleErrorsAndSaysHowFreshItIs() {
        scenario();
        browser.consoleErrors();
        open(GANSU, YEAR);
        assertTrue(browser.driver.findElement(By.id("as-of")).getText().startsWith("数据截至："));
        assertFalse(browser.driver.findElement(By.id("as-of")).getText().contains("尚无数据"));
        assertEquals(List.of(), browser.consoleErrors(), "the browser console");
        assertTrue(browser.driver.findElements(By.cssSelector("#outcome-chart canvas")).size() > 0, "a chart drawn");
    }

    @Test
    void theNumbersOnThePageAreTheApisNumbers() {
        scenario();
        open(GANSU, YEAR);
        JsonNode view = Fixtures.region(YEAR, GANSU);
        for (String key : List.of("expected", "filed", "onTime", "late", "missing")) {
            assertEquals(count(view.at("/compliance/" + key)), kpi(key), key);
        }
        assertEquals(rate(view.at("/indicators/onTimeRate")), kpi("onTimeRate"));
        assertEquals(rate(view.at("/indicators/filingRate")), kpi("filingRate"));
        assertEquals(rate(view.at("/indicators/disclosureRate")), kpi("disclosureRate"));
        assertEquals("12万", kpi("newRequests"), "120,037 new requests, the Chinese way");
        assertEquals(count(view.at("/cells/requests.totalHandled.total")), kpi("handled"));

        JsonNode children = Fixtures.get("/api/v1/statistics/" + YEAR + "/regions/" + GANSU + "/children");
        for (JsonNode child : children.get("children")) {
            String row = "#children tr[data-region='" + child.get("region").asText() + "'] ";
            assertEquals(child.get("name").asText(), text(row + "td:first-child"));
            for (String key : List.of("expected", "filed", "onTime", "late", "missing")) {
                assertEquals(count(child.at("/compliance/" + key)), text(row + "td[data-col=" + key + "]"), key);
            }
            assertEquals(rate(child.at("/indicators/onTimeRate")), text(row + "td[data-col=onTimeRate]"));
        }
        JsonNode missing = Fixtures.get("/api/v1/statistics/" + YEAR + "/regions/" + GANSU + "/missing");
        List<String> shown = browser.driver.findElements(By.cssSelector("#missing tr[data-agency] .agency-name"))
                .stream().map(WebElement::getText).toList();
        assertEquals(missing.get("items").findValuesAsText("name"), shown);
    }

    @Test
    void drillDownAndTheYearPickerChangeTheViewAndTheUrl() {
        scenario();
        open(GANSU, YEAR);
        browser.driver.findElement(By.cssSelector("#children a[data-open='" + LANZHOU + "']")).click();
        awaitShown(LANZHOU);
        assertEquals(String.valueOf(YEAR), currentParam("year"));
        assertEquals("全国\n甘肃省\n兰州市（市级）", browser.driver.findElement(By.id("breadcrumb")).getText()
                .replace("›", "").replaceAll("\\s*\\n\\s*", "\n").strip());
        assertEquals(count(Fixtures.region(YEAR, LANZHOU).at("/compliance/expected")), kpi("expected"));

        new Select(browser.driver.findElement(By.id("year"))).selectByValue(String.valueOf(YEAR - 1));
        browser.waiting().until(d -> String.valueOf(YEAR - 1).equals(currentParam("year")));
        awaitShown(LANZHOU);
        browser.waiting().until(ExpectedConditions.textToBe(By.cssSelector("[data-kpi=filed] .value"),
                count(Fixtures.region(YEAR - 1, LANZHOU).at("/compliance/filed"))));

        browser.driver.navigate().back();
        browser.waiting().until(d -> String.valueOf(YEAR).equals(currentParam("year")));
        awaitShown(LANZHOU);
        browser.driver.findElement(By.cssSelector("#breadcrumb a[data-open='000000']")).click();
        awaitShown("000000");
        assertEquals(count(Fixtures.region(YEAR, "000000").at("/compliance/expected")), kpi("expected"));
    }

    @Test
    void aNewFilingAppearsWithoutReloadingThePage() {
        scenario();
        open(JIAYUGUAN, YEAR);
        String before = kpi("filed");
        browser.js("window.ogiSamePage = true");
        try (TestEvents events = new TestEvents()) {
            TestEvents.await(events.report(filed(jiayuguanAgency, JIAYUGUAN, YEAR, true,
                    Map.of("requests.new.total", 4, "requests.totalHandled.total", 4, "requests.granted.total", 4))));
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertEquals(1, Fixtures.region(YEAR, JIAYUGUAN).at("/compliance/filed").asLong()));
        browser.waiting().until(ExpectedConditions.textToBe(By.cssSelector("[data-kpi=filed] .value"), "1"));
        assertEquals("0", before);
        assertEquals(Boolean.TRUE, browser.js("return window.ogiSamePage === true"), "not reloaded");
        assertEquals("4", kpi("newRequests"));
    }

    @Test
    void anAgencyNamedLikeMarkupIsShownAsTextAndNeverRuns() {
        scenario();
        open(CHENGGUAN, YEAR);
        List<String> names = browser.driver.findElements(By.cssSelector("#missing .agency-name")).stream()
                .map(WebElement::getText).toList();
        assertEquals(List.of(HOSTILE), names);
        assertEquals(0L, browser.js("return document.querySelectorAll('img').length"));
        assertThrows(NoAlertPresentException.class, () -> browser.driver.switchTo().alert());
    }

    @Test
    void anUnknownRegionShowsTheApisChineseExplanationAndARetry() {
        scenario();
        browser.driver.get(root + "?region=629999&year=" + YEAR);
        browser.waiting().until(ExpectedConditions.attributeContains(By.id("status"), "class", "error"));
        String status = browser.driver.findElement(By.id("status")).getText();
        assertTrue(status.contains("无法显示统计") && status.contains("没有地区“629999”的统计"), status);
        assertFalse(browser.driver.findElement(By.id("main")).isDisplayed());
        browser.driver.findElement(By.id("retry")).click();
        browser.waiting().until(ExpectedConditions.attributeContains(By.id("status"), "class", "error"));
    }

    @Test
    void screenshotsAtDesktopAndPhoneWidths() throws Exception {
        scenario();
        open(GANSU, YEAR);
        Path desktop = browser.screenshot("dashboard-1280", 1280);
        Path phone = browser.screenshot("dashboard-390", 390);
        long scrollWidth = ((Number) browser.js("return document.documentElement.scrollWidth")).longValue();
        for (Path png : List.of(desktop, phone)) {
            byte[] head = Files.readAllBytes(png);
            assertTrue(head.length > 10_000 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G', png.toString());
        }
        assertTrue(scrollWidth <= 1280, "no horizontal scrolling of the page at 1280 px: " + scrollWidth);
    }

    private String text(String css) {
        return browser.driver.findElement(By.cssSelector(css)).getText();
    }

    /** A count as the page writes it below 100,000: with thousands separators. */
    static String count(JsonNode value) {
        return String.format("%,d", value.asLong());
    }

    /** A rate as the page writes it: percent to one decimal, no trailing zero, a dash without a basis. */
    static String rate(JsonNode value) {
        if (value == null || value.isNull()) {
            return "—";
        }
        return value.decimalValue().multiply(BigDecimal.valueOf(100)).setScale(1, RoundingMode.HALF_UP)
                .stripTrailingZeros().toPlainString() + "%";
    }
}
