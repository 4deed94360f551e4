package org.ogi.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ogi.format.AgencyCodes;
import org.ogi.format.Deadlines;
import org.ogi.stack.KafkaBroker;
import org.ogi.stack.PostgresServer;
import org.ogi.stack.ServiceProcess;
import org.ogi.stack.SmtpSink;
import org.ogi.stack.Tokens;

/**
 * The whole system across process boundaries: PostgreSQL, Kafka and the SMTP sink are real servers (started here,
 * fresh directories under target/e2e), and the three services run as their packaged jars in separate JVMs, configured
 * by environment variables only. One scenario, in the order an operator would see it.
 */
class EndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REGION = "421303"; // 随州市曾都区
    private static final String CITY = "421300";
    private static final DateTimeFormatter OFFSET_TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
    private static final Duration READY = Duration.ofSeconds(150);

    private static Path root;
    private static Path work;
    private static PostgresServer postgres;
    private static KafkaBroker kafka;
    private static SmtpSink smtp;
    private static Tokens tokens;
    private static Mailbox mailbox;
    private static List<ServiceProcess> services = List.of();
    private static ServiceProcess submission;
    private static ServiceProcess aggregation;
    private static ServiceProcess notification;

    @BeforeAll
    static void startTheSystem() throws Exception {
        root = Path.of(System.getProperty("ogi.root", "../..")).toAbsolutePath().normalize();
        work = root.resolve("deploy/e2e/target/e2e");
        deleteRecursively(work);
        Files.createDirectories(work.resolve("logs"));
        // the servers start in parallel; durability off (fsync) only because this data is thrown away
        CompletableFuture<PostgresServer> pg = CompletableFuture.supplyAsync(() -> {
            PostgresServer server = PostgresServer.start(work.resolve("pg"), 0, false);
            Stream.of("submission", "aggregation", "notification").forEach(server::ensureDatabase);
            return server;
        });
        CompletableFuture<KafkaBroker> broker = CompletableFuture.supplyAsync(() -> {
            KafkaBroker started = KafkaBroker.start(work.resolve("kafka"), 0);
            started.createTopics(3);
            return started;
        });
        smtp = SmtpSink.start(0, work.resolve("mail"));
        mailbox = new Mailbox(work.resolve("mail"));
        tokens = Tokens.inDirectory(work.resolve("jwt"));
        postgres = pg.join();
        kafka = broker.join();

        int submissionPort = ServiceProcess.freePort();
        submission = service("submission", submissionPort, Map.of());
        aggregation = service("aggregation", ServiceProcess.freePort(), Map.of());
        notification = service("notification", ServiceProcess.freePort(), Map.of(
                "QUARKUS_MAILER_HOST", "localhost",
                "QUARKUS_MAILER_PORT", Integer.toString(smtp.port()),
                "OGI_CHASE_FILING_URL", "http://localhost:" + submissionPort + "/api/v1/reports/{year}/{agencyCode}",
                // the chase runs only when the test asks, as of the instant it names
                "OGI_CHASE_EVERY", "off",
                "OGI_CHASE_YEARS", Integer.toString(year())));
        services = List.of(submission, aggregation, notification);
        startServices();
    }

    @AfterAll
    static void stopTheSystem() {
        services.forEach(ServiceProcess::stop);
        Stream.<AutoCloseable>of(smtp, kafka, postgres).forEach(server -> {
            try {
                if (server != null) {
                    server.close();
                }
            } catch (Exception e) {
                System.err.println("could not stop " + server + ": " + e);
            }
        });
    }

    @Test
    void anAgencyFilesTheOtherIsChasedAReturnedReportIsChasedAgainAndAllOfItSurvivesARestart() throws Exception {
        try {
            scenario();
        } catch (AssertionError | RuntimeException e) {
            services.forEach(s -> System.err.println(s.tail()));
            throw e;
        }
    }

    private void scenario() throws Exception {
        int year = year();
        String filer = register("随州市曾都区教育局");
        String silent = register("随州市曾都区民政局");

        // the agency files; the statistics show it within seconds (outbox -> Kafka -> aggregation)
        JsonNode report = JSON.readTree(root.resolve("report-format/src/test/resources/pingtan-2022.json").toFile());
        given().baseUri(submission.url()).auth().oauth2(tokens.agency(filer)).contentType(ContentType.JSON)
                .body(report.toString())
                .when().put("/api/v1/reports/{year}/{code}", year, filer)
                .then().log().ifValidationFails().statusCode(201).body("status", equalTo("SUBMITTED")).body("version", equalTo(1));
        long filedAt = System.nanoTime();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            JsonPath view = statistics(year).jsonPath();
            assertEquals(1, view.getInt("compliance.filed"));
            assertEquals(2, view.getInt("compliance.expected"));
            assertEquals(1, view.getInt("compliance.missing"));
            assertEquals(74, ((Number) view.getMap("cells").get("requests.new.total")).intValue(), "the new requests");
        });
        System.out.printf("statistics showed the filing %d ms after it was accepted%n",
                (System.nanoTime() - filedAt) / 1_000_000);

        // the chase as of the deadline + 1 day, 10:00 Beijing: the agency that never filed is mailed
        awaitKnownToTheChase(silent, year);
        LocalDate deadline = Deadlines.deadline(year, org.ogi.format.AgencyKind.DEPARTMENT, null);
        String dayAfter = deadline.plusDays(1).atTime(10, 0).atZone(Deadlines.ZONE).format(OFFSET_TIME);
        JsonPath firstRun = chase(dayAfter);
        assertEquals(List.of("LATE_1"), stagesSentTo(firstRun, silent), firstRun.prettify());
        assertEquals(List.of(), stagesSentTo(firstRun, filer), "the agency that filed is not chased");
        Mailbox.Mail late = mailbox.awaitOne(mail(silent));
        assertTrue(late.text().contains(Integer.toString(year)), late.text());

        // a supervisor returns the first report; the chase picks it up again with the reviewer's comment
        String comment = "表三数据与第五部分说明不一致，请核实后重新报送。";
        given().baseUri(submission.url()).auth().oauth2(tokens.supervisor(CITY)).contentType(ContentType.JSON)
                .body(Map.of("decision", "RETURN", "comment", comment))
                .when().post("/api/v1/reports/{year}/{code}/review", year, filer)
                .then().log().ifValidationFails().statusCode(200).body("status", equalTo("RETURNED"));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() ->
                lateFiler(filer, year).map(f -> "已退回待重报".equals(f.get("statusText"))).orElse(false));
        String later = afterTheReturn();
        JsonPath secondRun = chase(later);
        assertEquals(1, stagesSentTo(secondRun, filer).size(), secondRun.prettify());
        assertTrue(stagesSentTo(secondRun, filer).get(0).startsWith("RETURNED"), secondRun.prettify());
        Mailbox.Mail returned = mailbox.awaitOne(mail(filer));
        assertTrue(returned.text().contains(comment), returned.text());

        // stop every service (SIGTERM) and start them again: the report, the statistics and the delivery log remain
        JsonNode reportBefore = JSON.readTree(reportOf(filer, year));
        JsonNode statisticsBefore = JSON.readTree(statistics(year).asString());
        JsonNode logBefore = deliveryLogs(year, filer, silent);
        services.forEach(ServiceProcess::stop);
        services.forEach(s -> assertEquals(143, s.exitValue(), s.name() + " stopped cleanly on SIGTERM" + s.tail()));
        startServices();
        assertEquals(reportBefore, JSON.readTree(reportOf(filer, year)));
        assertEquals(statisticsBefore, JSON.readTree(statistics(year).asString()));
        assertEquals(logBefore, deliveryLogs(year, filer, silent));
        int sent = firstRun.getInt("sent") + secondRun.getInt("sent"); // the second also sends the silent one's next stage
        assertEquals(sent, logBefore.get(0).size() + logBefore.get(1).size(), logBefore.toPrettyString());
        assertEquals(0, chase(later).getInt("sent"), "what was sent is remembered: nothing is sent twice");
        assertEquals(sent, mailbox.all().size(), "one mail per stage sent, none repeated");
    }

    // --- steps -------------------------------------------------------------------------------------------------------

    private static String register(String name) {
        StringBuilder org = new StringBuilder();
        for (int i = 0; i < 9; i++) {
            org.append(AgencyCodes.ALPHABET.charAt((int) (Math.random() * AgencyCodes.ALPHABET.length())));
        }
        String code = AgencyCodes.withCheckCharacter("11" + REGION + org);
        given().baseUri(submission.url()).auth().oauth2(tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", name, "regionCode", REGION, "kind", "DEPARTMENT", "contactEmail", mail(code)))
                .when().put("/api/v1/agencies/{code}", code)
                .then().log().ifValidationFails().statusCode(201);
        return code;
    }

    private static String mail(String code) {
        return "gkb-" + code.toLowerCase() + "@e2e.ogi.local";
    }

    private static io.restassured.response.Response statistics(int year) {
        return given().baseUri(aggregation.url()).when().get("/api/v1/statistics/{year}/regions/{code}", year, REGION)
                .then().log().ifValidationFails().statusCode(200).extract().response();
    }

    private static String reportOf(String code, int year) {
        return given().baseUri(submission.url()).auth().oauth2(tokens.agency(code))
                .when().get("/api/v1/reports/{year}/{code}", year, code)
                .then().log().ifValidationFails().statusCode(200).body("status", equalTo("RETURNED")).extract().asString();
    }

    private static JsonNode deliveryLogs(int year, String... codes) throws java.io.IOException {
        com.fasterxml.jackson.databind.node.ArrayNode logs = JSON.createArrayNode();
        for (String code : codes) {
            logs.add(JSON.readTree(deliveryLog(code, year)));
        }
        return logs;
    }

    private static String deliveryLog(String code, int year) {
        return given().baseUri(notification.url()).auth().oauth2(tokens.admin())
                .queryParam("agencyCode", code).queryParam("year", year)
                .when().get("/api/v1/notifications")
                .then().log().ifValidationFails().statusCode(200).extract().asString();
    }

    private static JsonPath chase(String at) {
        return given().baseUri(notification.url()).auth().oauth2(tokens.admin()).queryParam("at", at)
                .when().post("/api/v1/chase-runs")
                .then().log().ifValidationFails().statusCode(200).body("quietHours", equalTo(false)).extract().jsonPath();
    }

    private static List<String> stagesSentTo(JsonPath run, String code) {
        List<Map<String, Object>> attempts = run.getList("attempts");
        return attempts.stream()
                .filter(a -> code.equals(a.get("agencyCode")) && "SENT".equals(a.get("status")))
                .map(a -> (String) a.get("stage")).toList();
    }

    /** The notification service learns of an agency from ogi.agencies; chase only once it knows both. */
    private static void awaitKnownToTheChase(String code, int year) {
        String asOf = LocalDate.of(year + 1, 12, 1).atTime(10, 0).atZone(Deadlines.ZONE).format(OFFSET_TIME);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> lateFiler(code, year, asOf).isPresent());
    }

    private static java.util.Optional<Map<String, Object>> lateFiler(String code, int year) {
        return lateFiler(code, year, ZonedDateTime.now(Deadlines.ZONE).format(OFFSET_TIME));
    }

    private static java.util.Optional<Map<String, Object>> lateFiler(String code, int year, String at) {
        List<Map<String, Object>> late = given().baseUri(notification.url()).auth().oauth2(tokens.admin())
                .queryParam("year", year).queryParam("region", REGION).queryParam("at", at)
                .when().get("/api/v1/late-filers")
                .then().log().ifValidationFails().statusCode(200).extract().jsonPath().getList("");
        return late.stream().filter(f -> code.equals(f.get("agencyCode"))).findFirst();
    }

    /**
     * A run instant just after the return, outside the quiet hours (20:00–08:00 Beijing): then the returned report's
     * stage is the latest one due, not a weekly late reminder (those fall at 09:00).
     */
    private static String afterTheReturn() {
        ZonedDateTime at = Instant.now().plusSeconds(2).atZone(Deadlines.ZONE);
        LocalTime time = at.toLocalTime();
        if (time.isBefore(LocalTime.of(8, 0))) {
            at = at.toLocalDate().atTime(8, 0, 30).atZone(Deadlines.ZONE);
        } else if (!time.isBefore(LocalTime.of(20, 0))) {
            at = at.toLocalDate().plusDays(1).atTime(8, 0, 30).atZone(Deadlines.ZONE);
        }
        return at.truncatedTo(ChronoUnit.SECONDS).format(OFFSET_TIME);
    }

    /** The last closed report year in China, as the services see it. */
    private static int year() {
        return LocalDate.now(Deadlines.ZONE).getYear() - 1;
    }

    // --- the system ----------------------------------------------------------------------------------------------------

    private static ServiceProcess service(String name, int port, Map<String, String> extra) {
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(name),
                "QUARKUS_DATASOURCE_USERNAME", postgres.username(),
                "QUARKUS_DATASOURCE_PASSWORD", postgres.password(),
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "MP_JWT_VERIFY_PUBLICKEY_LOCATION", tokens.publicKeyPath().toString(),
                "MP_JWT_VERIFY_ISSUER", Tokens.ISSUER));
        env.putAll(extra);
        // the heap a 768 MiB container gives it; C1 only, since the test values start time over peak speed
        return new ServiceProcess(root, name, port, env, work.resolve("logs"), ServiceProcess.deployedJvmOptions(root));
    }

    private static void startServices() {
        long started = System.nanoTime();
        services.forEach(ServiceProcess::start);
        services.forEach(s -> s.awaitReady(READY));
        System.out.printf("three services ready in %d ms%n", (System.nanoTime() - started) / 1_000_000);
    }

    private static void deleteRecursively(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
