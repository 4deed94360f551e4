package org.ogi.format;

/** Kafka topic names and keys, shared so producer and consumers cannot drift apart. */
public final class Topics {

    public static final String AGENCIES = "ogi.agencies";
    public static final String REPORTS = "ogi.reports";

    private Topics() {
    }

    /** Dead-letter topic for undecodable events of {@code topic}. */
    public static String dlq(String topic) {
        return topic + ".dlq";
    }

    /** Key on {@link #REPORTS}: {@code agencyCode:year}, so all versions of one report share a partition. */
    public static String reportKey(String agencyCode, int year) {
        return agencyCode + ":" + year;
    }
}
