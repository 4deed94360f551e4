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
import java.nio.charset.StandardCharsets;
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
 * The dashboard in a real headless Chromium against the real stack, in 宁夏 (640000; this class alone uses province 64,
 * and only the years 2021–2022, whose national sums no other class asserts):
 * what it shows must be what the API says, it must navigate by URL, pick up new filings by itself and never run a
 * name as markup. One browser for the class.
 */
@QuarkusTest
@WithTestResource(value = StackTestResource.class, initArgs = @ResourceArg(name = "database", value = "aggregation"))
class DashboardBrowserTest {

    static final String NINGXIA = "640000";
    static final String YINCHUAN = "640100";
    static final String XINGQING = "640104";
    static final String XIXIA = "640105";
    static final String SHIZUISHAN = "640200";
    static final String HOSTILE = "<img src=x onerror=alert(1)>";
    static final int YEAR = 2022;

    private static Browser browser;
    private static String shizuishanAgency;
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
     * 兴庆区: three departments (on time with figures, late, and one named like an HTML injection that has not filed);
     * 西夏区: a government on time; 石嘴山市: a department that files during a test. 兴庆区's first department also
     * filed for 2021, so the year picker has something to change.
     */
    private static synchronized void scenario() {
        if (loaded) {
            return;
        }
        Instant t = Instant.parse("2023-01-01T00:00:00Z");
        String a = Fixtures.agencyCode(XINGQING);
        String b = Fixtures.agencyCode(XINGQING);
        String hostile = Fixtures.agencyCode(XINGQING);
        String xixia = Fixtures.agencyCode(XIXIA);
        shizuishanAgency = Fixtures.agencyCode(SHIZUISHAN);
        try (TestEvents events = new TestEvents()) {
            events.agency(agency(a, "银川市兴庆区教育局", XINGQING, AgencyKind.DEPARTMENT), t);
            events.agency(agency(b, "银川市兴庆区民政局", XINGQING, AgencyKind.DEPARTMENT), t);
            events.agency(agency(hostile, HOSTILE, XINGQING, AgencyKind.DEPARTMENT), t);
            events.agency(agency(xixia, "银川市西夏区人民政府", XIXIA, AgencyKind.GOVERNMENT), t);
            events.agency(agency(shizuishanAgency, "石嘴山市财政局", SHIZUISHAN, AgencyKind.DEPARTMENT), t);
            events.report(filed(a, XINGQING, YEAR, true, values("requests.new.total", 120_000,
                    "requests.new.naturalPerson", 100_000, "requests.new.business", 20_000,
                    "requests.granted.total", 60, "requests.partlyGranted.total", 20,
                    "requests.refusedStateSecret.total", 5, "requests.unavailableNotHeld.total", 10,
                    "requests.totalHandled.total", 100, "reviewAndLitigation.adminReview.upheld", 3,
                    "reviewAndLitigation.adminReview.corrected", 1, "activeDisclosure.licensing.decisions", 1200)));
            events.report(filed(b, XINGQING, YEAR, false, Map.of("requests.new.total", 30,
                    "requests.granted.total", 10, "requests.totalHandled.total", 12)));
            events.report(filed(xixia, XIXIA, YEAR, true, Map.of("requests.new.total", 7,
                    "requests.totalHandled.total", 7, "requests.granted.total", 7)));
            events.report(filed(a, XINGQING, YEAR - 1, true, Map.of("requests.new.total", 50)));
            events.flush();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertEquals(3, Fixtures.region(YEAR, NINGXIA).at("/compliance/filed").asLong());
            assertEquals(5, Fixtures.region(YEAR, NINGXIA).at("/compliance/expected").asLong());
            assertEquals(1, Fixtures.region(YEAR - 1, NINGXIA).at("/compliance/filed").asLong());
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
        open(NINGXIA, YEAR);
        assertTrue(browser.driver.findElement(By.id("as-of")).getText().startsWith("数据截至："));
        assertFalse(browser.driver.findElement(By.id("as-of")).getText().contains("尚无数据"));
        assertEquals(List.of(), browser.consoleErrors(), "the browser console");
        assertTrue(browser.driver.findElements(By.cssSelector("#outcome-chart canvas")).size() > 0, "a chart drawn");
    }

    @Test
    void theNumbersOnThePageAreTheApisNumbers() {
        scenario();
        open(NINGXIA, YEAR);
        JsonNode view = Fixtures.region(YEAR, NINGXIA);
        for (String key : List.of("expected", "filed", "onTime", "late", "missing")) {
            assertEquals(count(view.at("/compliance/" + key)), kpi(key), key);
        }
        assertEquals(rate(view.at("/indicators/onTimeRate")), kpi("onTimeRate"));
        assertEquals(rate(view.at("/indicators/filingRate")), kpi("filingRate"));
        assertEquals(rate(view.at("/indicators/disclosureRate")), kpi("disclosureRate"));
        assertEquals("12万", kpi("newRequests"), "120,037 new requests, the Chinese way");
        assertEquals(count(view.at("/cells/requests.totalHandled.total")), kpi("handled"));

        JsonNode children = Fixtures.get("/api/v1/statistics/" + YEAR + "/regions/" + NINGXIA + "/children");
        for (JsonNode child : children.get("children")) {
            String row = "#children tr[data-region='" + child.get("region").asText() + "'] ";
            assertEquals(child.get("name").asText(), text(row + "td:first-child"));
            for (String key : List.of("expected", "filed", "onTime", "late", "missing")) {
                assertEquals(count(child.at("/compliance/" + key)), text(row + "td[data-col=" + key + "]"), key);
            }
            assertEquals(rate(child.at("/indicators/onTimeRate")), text(row + "td[data-col=onTimeRate]"));
        }
        JsonNode missing = Fixtures.get("/api/v1/statistics/" + YEAR + "/regions/" + NINGXIA + "/missing");
        List<String> shown = browser.driver.findElements(By.cssSelector("#missing tr[data-agency] .agency-name"))
                .stream().map(WebElement::getText).toList();
        assertEquals(missing.get("items").findValuesAsText("name"), shown);
    }

    @Test
    void drillDownAndTheYearPickerChangeTheViewAndTheUrl() {
        scenario();
        open(NINGXIA, YEAR);
        browser.driver.findElement(By.cssSelector("#children a[data-open='" + YINCHUAN + "']")).click();
        awaitShown(YINCHUAN);
        assertEquals(String.valueOf(YEAR), currentParam("year"));
        assertEquals("全国\n宁夏回族自治区\n银川市（市级）", browser.driver.findElement(By.id("breadcrumb")).getText()
                .replace("›", "").replaceAll("\\s*\\n\\s*", "\n").strip());
        assertEquals(count(Fixtures.region(YEAR, YINCHUAN).at("/compliance/expected")), kpi("expected"));

        new Select(browser.driver.findElement(By.id("year"))).selectByValue(String.valueOf(YEAR - 1));
        browser.waiting().until(d -> String.valueOf(YEAR - 1).equals(currentParam("year")));
        awaitShown(YINCHUAN);
        browser.waiting().until(ExpectedConditions.textToBe(By.cssSelector("[data-kpi=filed] .value"),
                count(Fixtures.region(YEAR - 1, YINCHUAN).at("/compliance/filed"))));

        browser.driver.navigate().back();
        browser.waiting().until(d -> String.valueOf(YEAR).equals(currentParam("year")));
        awaitShown(YINCHUAN);
        browser.driver.findElement(By.cssSelector("#breadcrumb a[data-open='000000']")).click();
        awaitShown("000000");
        assertEquals(count(Fixtures.region(YEAR, "000000").at("/compliance/expected")), kpi("expected"));
    }

    @Test
    void aNewFilingAppearsWithoutReloadingThePage() {
        scenario();
        open(SHIZUISHAN, YEAR);
        String before = kpi("filed");
        browser.js("window.ogiSamePage = true");
        try (TestEvents events = new TestEvents()) {
            TestEvents.await(events.report(filed(shizuishanAgency, SHIZUISHAN, YEAR, true,
                    Map.of("requests.new.total", 4, "requests.totalHandled.total", 4, "requests.granted.total", 4))));
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertEquals(1, Fixtures.region(YEAR, SHIZUISHAN).at("/compliance/filed").asLong()));
        browser.waiting().until(ExpectedConditions.textToBe(By.cssSelector("[data-kpi=filed] .value"), "1"));
        assertEquals("0", before);
        assertEquals(Boolean.TRUE, browser.js("return window.ogiSamePage === true"), "not reloaded");
        assertEquals("4", kpi("newRequests"));
    }

    @Test
    void anAgencyNamedLikeMarkupIsShownAsTextAndNeverRuns() {
        scenario();
        open(XINGQING, YEAR);
        List<String> names = browser.driver.findElements(By.cssSelector("#missing .agency-name")).stream()
                .map(WebElement::getText).toList();
        assertEquals(List.of(HOSTILE), names);
        assertEquals(0L, browser.js("return document.querySelectorAll('img').length"));
        assertThrows(NoAlertPresentException.class, () -> browser.driver.switchTo().alert());
    }

    @Test
    void numbersAreWrittenTheChineseWayWithWanAndYi() {
        scenario();
        open(NINGXIA, YEAR);
        Object shown = browser.driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "import('/dashboard/format.js').then(f => done([12345, 99999, 123456, 12345678, 99999999, 123456789,"
                + " -250000, 12.5, null].map(f.num).concat([f.pct(0.6667), f.pct(1), f.pct(null)])))");
        assertEquals(List.of("12,345", "99,999", "12.3万", "1,234.6万", "1亿", "1.2亿", "-25万", "12.5", "—", "66.7%",
                "100%", "—"), shown);
    }

    @Test
    void theCsvButtonDownloadsThePerAgencyFrameOfTheRegionAndYear() throws Exception {
        scenario();
        open(XINGQING, YEAR);
        browser.driver.findElement(By.id("csv")).click();
        Path file = browser.downloads.resolve("agencies-" + XINGQING + "-" + YEAR + ".csv");
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.isRegularFile(file) && Files.size(file) > 0);
        byte[] csv = Files.readAllBytes(file);
        assertEquals(List.of((byte) 0xEF, (byte) 0xBB, (byte) 0xBF), List.of(csv[0], csv[1], csv[2]));
        List<String> lines = new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8).lines().toList();
        assertEquals(1 + 3, lines.size(), "a header and 兴庆区's three departments");
        assertTrue(lines.get(0).startsWith("agencyCode,name,"), lines.get(0));
        assertTrue(lines.stream().anyMatch(l -> l.contains("银川市兴庆区教育局")), lines.toString());
        assertEquals("下载各机关明细（CSV）", browser.driver.findElement(By.id("csv")).getText());
    }

    @Test
    void anUnknownRegionShowsTheApisChineseExplanationAndARetry() {
        scenario();
        browser.driver.get(root + "?region=649999&year=" + YEAR);
        browser.waiting().until(ExpectedConditions.attributeContains(By.id("status"), "class", "error"));
        String status = browser.driver.findElement(By.id("status")).getText();
        assertTrue(status.contains("无法显示统计") && status.contains("没有地区“649999”的统计"), status);
        assertFalse(browser.driver.findElement(By.id("main")).isDisplayed());
        browser.driver.findElement(By.id("retry")).click();
        browser.waiting().until(ExpectedConditions.attributeContains(By.id("status"), "class", "error"));
    }

    @Test
    void screenshotsAtDesktopAndPhoneWidths() throws Exception {
        scenario();
        open(NINGXIA, YEAR);
        Path desktop = browser.screenshot("dashboard-1280", 1280);
        long desktopWidth = ((Number) browser.js("return document.documentElement.scrollWidth")).longValue();
        browser.size(390, 844); // laid out as a phone from the start, as a phone would
        try {
            open(NINGXIA, YEAR);
            assertEquals(390L, ((Number) browser.js("return window.innerWidth")).longValue());
            long phoneWidth = ((Number) browser.js("return document.documentElement.scrollWidth")).longValue();
            assertTrue(phoneWidth <= 390, "wide tables scroll inside their card, not the page: " + phoneWidth);
        } finally {
            Path phone = browser.screenshot("dashboard-390", 390);
            for (Path png : List.of(desktop, phone)) {
                byte[] head = Files.readAllBytes(png);
                assertTrue(head.length > 10_000 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G', png.toString());
            }
        }
        assertTrue(desktopWidth <= 1280, "no horizontal scrolling of the page at 1280 px: " + desktopWidth);
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
