package com.bizosaas.eventbus.broker.kafka.internal;

import com.bizosaas.eventbus.UnavailableException;
import com.bizosaas.eventbus.broker.kafka.KafkaConfig;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates a topic on its first use with the configured partitions and replication, then waits
 * until every partition has a leader, so that a consumer subscribing right after is assigned
 * partitions at once instead of after its next metadata refresh. Thread-safe; cheap after the
 * first call per topic. An existing topic is used as it is.
 */
public final class TopicProvisioner {
    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);
    private static final long LEADER_POLL_MILLIS = 50;

    private final Admin admin;
    private final KafkaConfig config;
    private final int timeoutMillis;
    private final Set<String> ready = ConcurrentHashMap.newKeySet();

    public TopicProvisioner(Admin admin, KafkaConfig config) {
        this.admin = admin;
        this.config = config;
        this.timeoutMillis = (int) config.operationTimeout().toMillis();
    }

    /** Returns once {@code topic} exists with a leader for each partition; throws {@link UnavailableException} otherwise. */
    public void ensure(String topic) {
        if (ready.contains(topic)) {
            return;
        }
        // Serialised: this runs once per topic, and concurrent first publishes need not race to create it.
        synchronized (this) {
            if (!ready.contains(topic)) {
                create(topic);
                awaitLeaders(topic);
                ready.add(topic);
            }
        }
    }

    /** Creates {@code topic} again after it was deleted, as {@link #ensure} does the first time. */
    public void recreate(String topic) {
        ready.remove(topic);
        ensure(topic);
    }

    private void create(String topic) {
        short replication = config.replicationFactor();
        NewTopic request = new NewTopic(topic, Optional.of(config.partitions()),
                replication == KafkaConfig.BROKER_DEFAULT_REPLICATION ? Optional.empty() : Optional.of(replication));
        try {
            KafkaFailures.await(admin.createTopics(List.of(request), new CreateTopicsOptions().timeoutMs(timeoutMillis)).all(), config.operationTimeout(),
                    "Could not create Kafka topic " + topic);
            LOG.info("Created Kafka topic {} with {} partitions", topic, config.partitions());
        } catch (UnavailableException e) {
            Throwable cause = e.getCause();
            if (cause instanceof TopicAuthorizationException || cause instanceof ClusterAuthorizationException) {
                // Clusters often pre-create topics and deny CREATE; the describe below tells whether it exists.
                LOG.info("Not allowed to create Kafka topic {}; using it if it exists: {}", topic, cause.getMessage());
            } else if (!(cause instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    private void awaitLeaders(String topic) {
        long deadline = System.nanoTime() + config.operationTimeout().toNanos();
        String what = "Kafka topic " + topic + " is not available";
        while (true) {
            Duration left = Duration.ofNanos(Math.max(deadline - System.nanoTime(), 0));
            try {
                TopicDescription description = KafkaFailures.await(
                        admin.describeTopics(List.of(topic), new DescribeTopicsOptions().timeoutMs(timeoutMillis))
                                .allTopicNames(), left, what).get(topic);
                if (description.partitions().stream().allMatch(p -> p.leader() != null)) {
                    return;
                }
            } catch (UnavailableException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || left.isZero()) {
                    throw e;
                }
            }
            if (System.nanoTime() >= deadline) {
                throw new UnavailableException(what + ": some partitions have no leader after "
                        + config.operationTimeout().toMillis() + " ms", null);
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(LEADER_POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("Interrupted while waiting for a Kafka topic", e);
        }
    }
}
