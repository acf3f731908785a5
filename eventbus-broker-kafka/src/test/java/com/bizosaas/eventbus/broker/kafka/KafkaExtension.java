package com.bizosaas.eventbus.broker.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Connects integration tests to the real Kafka on {@value #BOOTSTRAP}, failing (never skipping)
 * when it does not answer. Hands out unique topic and group names and deletes the topics it
 * named after each test. Register it as a static field with {@code @RegisterExtension}.
 */
final class KafkaExtension implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {
    static final String BOOTSTRAP = "127.0.0.1:9092";
    static final int PARTITIONS = 6;

    private final List<String> topics = new ArrayList<>();
    private Admin admin;

    @Override
    public void beforeAll(ExtensionContext context) {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP));
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(5_000)).clusterId().get(6, TimeUnit.SECONDS);
        } catch (Exception e) {
            admin.close(Duration.ZERO);
            admin = null;
            throw new IllegalStateException("Kafka is not reachable at " + BOOTSTRAP
                    + ": start it with scripts/services.sh start (or run scripts/test.sh)", e);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        if (topics.isEmpty()) {
            return;
        }
        try {
            admin.deleteTopics(List.copyOf(topics)).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            // A test that failed before its first publish never created its topic.
            if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                throw e;
            }
        } finally {
            topics.clear();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
    }

    /** Settings for the test broker: quick retries and timeouts that fit a test's patience. */
    KafkaConfig.Builder config() {
        return KafkaConfig.builder()
                .bootstrapServers(BOOTSTRAP)
                .partitions(PARTITIONS)
                .retryBackoff(Duration.ofMillis(100))
                .operationTimeout(Duration.ofSeconds(20));
    }

    /** A new topic name, deleted after the test (the adapter creates the topic on first use). */
    String topic(String purpose) {
        return deleteAfterTest("it." + purpose + "." + UUID.randomUUID());
    }

    /** Deletes {@code topic} once the test and its {@code @AfterEach} methods are done. */
    String deleteAfterTest(String topic) {
        topics.add(topic);
        return topic;
    }

    /** Creates a topic with {@code partitions} partitions now, deleted after the test. */
    String createdTopic(String purpose, int partitions) throws Exception {
        String name = topic(purpose);
        admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        return name;
    }

    static String group(String purpose) {
        return "it-" + purpose + "-" + UUID.randomUUID();
    }

    Admin admin() {
        return admin;
    }
}
