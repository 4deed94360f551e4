package org.ogi.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.ogi.format.AgencyKind;
import org.ogi.format.Deadlines;
import org.ogi.stack.demo.DemoAgency;

/**
 * A chase run killed half-way: the notification service is sent SIGKILL while it mails late filers one by one, started
 * again, and the run repeated; the SMTP sink's .eml files are then counted per (agency, stage).
 */
final class Chase {

    /** {@code missing}: agencies never mailed; {@code repeated}: (agency, subject) mailed more than once. */
    record Result(int runs, int beforeKill, int afterRestart, int takenOver, int messages, int resentCopies,
                  List<String> missing, List<String> repeated) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration LEASE = Duration.ofSeconds(3); // OGI_CHASE_LEASE in FaultStack

    private final FaultStack stack;
    private final String region;
    private final int year;

    Chase(FaultStack stack, String region, int year) {
        this.stack = stack;
        this.region = region;
        this.year = year;
    }

    Result killedMidRun(List<DemoAgency> agencies) throws Exception {
        Set<String> codes = agencies.stream().map(DemoAgency::code).collect(Collectors.toSet());
        awaitKnown(codes);
        // the day after the departments' deadline, 10:00 Beijing: one LATE_1 reminder per agency
        LocalDate deadline = Deadlines.deadline(year, AgencyKind.DEPARTMENT, null);
        String at = deadline.plusDays(1).atTime(10, 0).atZone(Deadlines.ZONE).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        CompletableFuture<HttpResponse<String>> first = HTTP.sendAsync(chaseRun(at), HttpResponse.BodyHandlers.ofString());
        long until = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (mails() < agencies.size() / 3 && System.nanoTime() < until && !first.isDone()) {
            Filings.sleep(10);
        }
        if (first.isDone()) {
            throw new IllegalStateException("the chase run ended before the kill: " + first.get().body());
        }
        int beforeKill = mails();
        FaultStack.kill9(stack.notification);
        long killed = System.nanoTime();
        first.handle((r, e) -> null).get(); // the connection is cut
        FaultStack.start(stack.notification);
        // a delivery claimed by the killed run is taken over once its lease has expired
        Filings.sleep(Math.max(0, (LEASE.toNanos() - (System.nanoTime() - killed)) / 1_000_000 + 500));
        HttpResponse<String> second = HTTP.send(chaseRun(at), HttpResponse.BodyHandlers.ofString());
        if (second.statusCode() != 200) {
            throw new IllegalStateException("second chase run: " + second.statusCode() + " " + second.body());
        }
        // the sink writes .eml files every 200 ms: wait until the count stays put
        int settled = -1;
        for (int now = mails(); now != settled; now = mails()) {
            settled = now;
            Filings.sleep(1_000);
        }
        List<Mailbox.Mail> all = stack.mailbox.all();
        // a reminder is one Message-ID: a copy sent again after the crash (server took it, outcome not yet recorded)
        // carries the same one and is the same message to a mail system; such copies are counted apart
        Map<String, Set<String>> idsPerRecipientAndSubject = new java.util.TreeMap<>();
        Set<String> ids = new HashSet<>();
        for (Mailbox.Mail m : all) {
            if (m.messageId() == null) {
                throw new IllegalStateException("a mail without Message-ID: " + m.file());
            }
            ids.add(m.messageId());
            m.recipients().forEach(r -> idsPerRecipientAndSubject.computeIfAbsent(r + " | " + m.subject(),
                    k -> new HashSet<>()).add(m.messageId()));
        }
        Set<String> reached = new HashSet<>();
        all.forEach(m -> reached.addAll(m.recipients()));
        List<String> missing = codes.stream().filter(c -> !reached.contains(Filings.mail(c))).sorted().toList();
        List<String> repeated = idsPerRecipientAndSubject.entrySet().stream().filter(e -> e.getValue().size() > 1)
                .map(e -> e.getKey() + " " + e.getValue()).toList();
        JsonNode summary = JSON.readTree(second.body());
        return new Result(2, beforeKill, summary.path("sent").asInt(), summary.path("retried").asInt(), ids.size(),
                all.size() - ids.size(), missing, repeated);
    }

    private void awaitKnown(Set<String> codes) throws Exception {
        String asOf = LocalDate.of(year + 1, 12, 1).atTime(10, 0).atZone(Deadlines.ZONE)
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(stack.notification.url() + "/api/v1/late-filers?year="
                    + year + "&region=" + region + "&at=" + encode(asOf)))
                    .header("Authorization", "Bearer " + stack.tokens.admin()).timeout(Duration.ofSeconds(30)).build();
            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            Set<String> known = new HashSet<>();
            if (r.statusCode() == 200) {
                for (JsonNode f : JSON.readTree(r.body())) {
                    known.add(f.path("agencyCode").asText());
                }
            }
            if (known.containsAll(codes)) {
                return;
            }
            if (System.nanoTime() > until) {
                throw new IllegalStateException("the notification service knows " + known.size() + " of " + codes.size()
                        + " agencies: " + r.statusCode());
            }
            Filings.sleep(500);
        }
    }

    private HttpRequest chaseRun(String at) {
        return HttpRequest.newBuilder(URI.create(stack.notification.url() + "/api/v1/chase-runs?at=" + encode(at)))
                .header("Authorization", "Bearer " + stack.tokens.admin())
                .timeout(Duration.ofSeconds(300)).POST(HttpRequest.BodyPublishers.noBody()).build();
    }

    private int mails() {
        Path dir = stack.state.resolve("data/mail");
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return (int) files.filter(f -> f.toString().endsWith(".eml")).count();
        } catch (IOException e) {
            return 0;
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
