package org.ogi.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ogi.format.Topics;
import org.ogi.stack.ServiceProcess;
import org.ogi.stack.demo.DemoAgency;

/**
 * A record no service can use (not JSON) written to every partition of both state topics, then agencies and reports
 * whose keys fall on every one of those partitions: both consumers must dead-letter the poison to {@code <topic>.dlq},
 * count it in their metrics, and go on with the partition.
 */
final class Poison {

    static final List<String> TOPICS = List.of(Topics.AGENCIES, Topics.REPORTS);
    static final List<String> GROUPS = List.of("aggregation-service", "notification-service");
    /** The notification service's dead letters carry it (the header SmallRye's strategy wrote); aggregation's do not. */
    static final String SMALLRYE_HEADER = "dead-letter-exception-class-name";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Result(List<Filings.Outcome> outcomes, Map<String, String> poisonKeys, Map<String, Double> before,
                  StringBuilder observations) {
        String observed() {
            return observations.toString();
        }
    }

    private final FaultStack stack;
    private final KafkaChecks kafka;

    Poison(FaultStack stack, KafkaChecks kafka) {
        this.stack = stack;
        this.kafka = kafka;
    }

    Result injectAndFile(Filings filer, String region, int year) {
        Map<String, Double> before = metrics();
        Map<String, String> keys = new HashMap<>(); // poison key -> topic
        String run = Long.toString(System.nanoTime(), 36);
        for (String topic : TOPICS) {
            for (int p = 0; p < kafka.partitions(topic); p++) {
                String key = "poison-" + run + "-" + topic + "-" + p;
                kafka.produce(topic, p, key, "这不是一条事件 {".getBytes(StandardCharsets.UTF_8));
                keys.put(key, topic);
            }
        }
        List<DemoAgency> agencies = filer.registerAgencies(region, year, 30, year, true);
        assertCovers(Topics.AGENCIES, agencies.stream().map(DemoAgency::code).toList());
        assertCovers(Topics.REPORTS, agencies.stream().map(a -> Topics.reportKey(a.code(), year)).toList());
        List<Filings.Outcome> outcomes = filer.start(Filings.reports(agencies, year, year, 0), 4).join();
        return new Result(outcomes, keys, before, new StringBuilder());
    }

    /** Both groups reach the end of both topics; each poison is in its dead-letter topic from both; both metrics moved. */
    void awaitConsumedAndCheck(Result result) {
        long until = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        for (String group : GROUPS) {
            for (String topic : TOPICS) {
                long lag;
                while ((lag = kafka.lag(group, topic)) != 0) {
                    assertTrue(System.nanoTime() < until, group + " is stuck on " + topic + ": lag " + lag);
                    Filings.sleep(500);
                }
            }
        }
        Map<String, List<KafkaChecks.Seen>> dead = new HashMap<>();
        for (String topic : TOPICS) {
            for (KafkaChecks.Seen seen : kafka.readAll(Topics.dlq(topic))) {
                if (result.poisonKeys().containsKey(seen.key())) {
                    dead.computeIfAbsent(seen.key(), k -> new ArrayList<>()).add(seen);
                }
            }
        }
        for (Map.Entry<String, String> poison : result.poisonKeys().entrySet()) {
            List<KafkaChecks.Seen> copies = dead.getOrDefault(poison.getKey(), List.of());
            assertTrue(copies.stream().anyMatch(s -> s.headers().containsKey(SMALLRYE_HEADER)),
                    "notification-service dead-lettered " + poison.getKey() + ": " + copies);
            assertTrue(copies.stream().anyMatch(s -> !s.headers().containsKey(SMALLRYE_HEADER)),
                    "aggregation-service dead-lettered " + poison.getKey() + ": " + copies);
            assertTrue(copies.stream().allMatch(s -> s.headers().get("dead-letter-reason") != null
                    && poison.getValue().equals(s.headers().get("dead-letter-topic"))), copies.toString());
        }
        Map<String, Double> after = metrics();
        for (String metric : after.keySet()) {
            String topic = metric.substring(metric.indexOf('{') + 1, metric.indexOf('}'));
            long injected = result.poisonKeys().values().stream().filter(topic::equals).count();
            double moved = after.get(metric) - result.before().getOrDefault(metric, 0.0);
            assertTrue(moved >= injected, metric + " moved by " + moved + ", " + injected + " poison records");
            result.observations().append(result.observations().isEmpty() ? "" : "; ")
                    .append(metric.replace("_dead_letters_total", "")).append(" +").append((long) moved);
        }
        Set<String> copies = new HashSet<>();
        dead.values().forEach(l -> l.forEach(s -> copies.add(s.key() + s.headers().containsKey(SMALLRYE_HEADER))));
        result.observations().insert(0, String.format("%d dead letters (each poison from both services), lag 0 "
                + "on every partition for both groups; dead-letter metrics: ", copies.size()));
    }

    private void assertCovers(String topic, List<String> keys) {
        int partitions = kafka.partitions(topic);
        Set<Integer> hit = new HashSet<>();
        keys.forEach(k -> hit.add(KafkaChecks.partitionOf(k, partitions)));
        assertTrue(hit.size() == partitions, "the agencies' keys fall on every partition of " + topic + ": " + hit);
    }

    /** {@code <service>_dead_letters_total{<topic>}} of both services, from /q/metrics. */
    private Map<String, Double> metrics() {
        Map<String, Double> values = new HashMap<>();
        read(stack.aggregation, "ogi_aggregation_dead_letters_total", values);
        read(stack.notification, "ogi_notification_dead_letters_total", values);
        return values;
    }

    private static void read(ServiceProcess service, String name, Map<String, Double> into) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(service.url() + "/q/metrics"))
                .timeout(Duration.ofSeconds(20)).build();
        String text;
        try {
            text = HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new IllegalStateException(service.name() + " metrics unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Matcher m = Pattern.compile("(?m)^" + name + "\\{[^}]*topic=\"([^\"]+)\"[^}]*} ([0-9.eE+-]+)$").matcher(text);
        int found = 0;
        while (m.find()) {
            into.put(name + "{" + m.group(1) + "}", Double.parseDouble(m.group(2)));
            found++;
        }
        assertTrue(found >= TOPICS.size(), service.name() + " exposes " + name + " per topic: "
                + text.lines().filter(l -> l.contains("dead")).toList());
    }
}
