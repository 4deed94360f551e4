package org.ogi.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.ogi.format.Topics;

/**
 * Whether everything accepted has reached every consumer: the submission outbox is empty and both consumer groups
 * have committed up to the end of both topics (lag 0). The consumers commit about once a second, so lag 0 is seen up
 * to a second after the work is applied.
 */
final class Drain implements AutoCloseable {

    static final List<String> GROUPS = List.of("aggregation-service", "notification-service");

    private final Admin admin;
    private final String submissionJdbc;

    Drain(String bootstrap, String submissionJdbc) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        this.admin = Admin.create(p);
        this.submissionJdbc = submissionJdbc;
    }

    long outboxBacklog() throws Exception {
        try (Connection c = DriverManager.getConnection(submissionJdbc, "postgres", "postgres");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from outbox_event where sent_at is null")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Sum over both topics of (end offset − committed offset) for a group. */
    long lag(String group) throws Exception {
        List<TopicPartition> partitions = admin.describeTopics(List.of(Topics.REPORTS, Topics.AGENCIES))
                .allTopicNames().get().values().stream()
                .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
                .toList();
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(
                partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()))).all().get();
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        long lag = 0;
        for (TopicPartition tp : partitions) {
            OffsetAndMetadata c = committed.get(tp);
            lag += ends.get(tp).offset() - (c == null ? 0 : c.offset());
        }
        return lag;
    }

    /** Waits until nothing is pending anywhere; returns the seconds it took, or -1 after the timeout. */
    double await(double timeoutSeconds) throws Exception {
        long started = System.nanoTime();
        long limit = started + (long) (timeoutSeconds * 1e9);
        while (System.nanoTime() < limit) {
            if (outboxBacklog() == 0 && GROUPS.stream().allMatch(g -> lagOrMax(g) == 0)) {
                return (System.nanoTime() - started) / 1e9;
            }
            BenchStack.sleep(100);
        }
        return -1;
    }

    private long lagOrMax(String group) {
        try {
            return lag(group);
        } catch (Exception e) {
            return Long.MAX_VALUE;
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
