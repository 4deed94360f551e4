package org.ogi.aggregation;

import static io.restassured.RestAssured.given;

/** Reads the service's own Prometheus counters, e.g. to know when a test's events have all been consumed. */
final class Metrics {

    private Metrics() {
    }

    /** Sum of every series of {@code name} whose labels contain {@code labelFragment}; 0 when absent. */
    static double sum(String name, String labelFragment) {
        String text = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        double total = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith(name + "{") && line.contains(labelFragment)) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }

    /** Records of a topic consumed so far, whatever the outcome (applied, stale, dead-lettered). */
    static double consumed(String topic) {
        return sum("ogi_aggregation_events_total", "topic=\"" + topic + "\"");
    }
}
