package org.ogi.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KafkaBrokerTest {

    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.start(null, 0);
        broker.createTopics(2);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void createsCompactedStateTopicsAndDeleteDeadLetterTopicsOnlyOnce() throws Exception {
        broker.createTopics(2); // a second call changes nothing
        try (Admin admin = broker.admin()) {
            Map<String, TopicDescription> topics = admin.describeTopics(TopicNames.all()).allTopicNames().get(30, TimeUnit.SECONDS);
            assertEquals(4, topics.size());
            topics.values().forEach(topic -> assertEquals(2, topic.partitions().size(), topic.name()));
            assertEquals("compact", cleanupPolicy(admin, "ogi.agencies"));
            assertEquals("compact", cleanupPolicy(admin, "ogi.reports"));
            assertEquals("delete", cleanupPolicy(admin, "ogi.agencies.dlq"));
            assertEquals("delete", cleanupPolicy(admin, "ogi.reports.dlq"));
        }
    }

    @Test
    void deliversAProducedRecordToAConsumer() throws Exception {
        String key = "11500000009275780L:" + UUID.randomUUID();
        produce("ogi.reports", key, "{\"revision\":1}");
        assertEquals("{\"revision\":1}", consumeValue("ogi.reports", key));
    }

    @ParameterizedTest
    @ValueSource(strings = {"lz4", "zstd", "snappy", "gzip"})
    void acceptsBatchesInEveryCompressionCodec(String codec) throws Exception {
        String key = codec + "-" + UUID.randomUUID();
        produce("ogi.reports", key, "compressed with " + codec, Map.of(ProducerConfig.COMPRESSION_TYPE_CONFIG, codec));
        assertEquals("compressed with " + codec, consumeValue("ogi.reports", key));
    }

    @Test
    void keepsItsDataAndClusterIdAcrossStopAndRestart() throws Exception {
        String key = "restart-" + UUID.randomUUID();
        produce("ogi.agencies", key, "kept");
        String clusterId = clusterId();

        broker.stop();
        assertThrows(IOException.class, () -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("localhost", broker.port()), 1000);
            }
        }, "nothing listens while the broker is stopped");

        broker.restart();
        assertEquals(clusterId, clusterId());
        assertEquals("kept", consumeValue("ogi.agencies", key));
    }

    private static String cleanupPolicy(Admin admin, String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
        return config.get("cleanup.policy").value();
    }

    private static String clusterId() throws Exception {
        try (Admin admin = broker.admin()) {
            return admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS);
        }
    }

    private static void produce(String topic, String key, String value) throws Exception {
        produce(topic, key, value, Map.of());
    }

    private static void produce(String topic, String key, String value, Map<String, Object> extra) throws Exception {
        Map<String, Object> config = new HashMap<>(extra);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        }
    }

    private static String consumeValue(String topic, String key) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            List<String> seen = new ArrayList<>();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key())) {
                        return record.value();
                    }
                    seen.add(record.key());
                }
            }
            throw new AssertionError("no record with key " + key + " in " + topic + "; saw " + seen);
        }
    }
}
