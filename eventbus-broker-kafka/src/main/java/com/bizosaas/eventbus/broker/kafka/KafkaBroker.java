package com.bizosaas.eventbus.broker.kafka;

import com.bizosaas.eventbus.EventBusException;
import com.bizosaas.eventbus.broker.kafka.internal.ClientProperties;
import com.bizosaas.eventbus.broker.kafka.internal.ConsumerMember;
import com.bizosaas.eventbus.broker.kafka.internal.KafkaFailures;
import com.bizosaas.eventbus.broker.kafka.internal.KafkaPublisher;
import com.bizosaas.eventbus.broker.kafka.internal.TopicProvisioner;
import com.bizosaas.eventbus.broker.kafka.internal.TopicWatch;
import com.bizosaas.eventbus.model.ComponentHealth;
import com.bizosaas.eventbus.spi.BrokerMessage;
import com.bizosaas.eventbus.spi.BrokerSubscription;
import com.bizosaas.eventbus.spi.ConsumerSpec;
import com.bizosaas.eventbus.spi.Destination;
import com.bizosaas.eventbus.spi.MessageBroker;
import com.bizosaas.eventbus.spi.MessageHandler;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@link MessageBroker} on Apache Kafka: one shared idempotent producer ({@code acks=all}) for
 * every publish, and one {@link KafkaConsumer} per {@link #subscribe subscription}, committing
 * offsets only after the handler succeeded. Topics are created on first use. Thread-safe; build
 * it with {@link #create(KafkaConfig)} and {@link #close()} it to leave the groups and flush.
 */
public final class KafkaBroker implements MessageBroker {
    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(2);
    /** How often the subscribed topics' ids are compared with the ones first seen. */
    private static final Duration TOPIC_CHECK_INTERVAL = Duration.ofSeconds(1);
    /** Numbers the brokers of one JVM, so client ids (and their metrics) do not clash. */
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final KafkaConfig config;
    private final String clientPrefix;
    private final Admin admin;
    private final TopicProvisioner topics;
    private final KafkaPublisher publisher;
    private final TopicWatch topicWatch;
    private final Set<ConsumerMember> members = ConcurrentHashMap.newKeySet();
    private final AtomicInteger memberIds = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Set when a member stopped on a fatal error: its group is then short of a consumer. */
    private final AtomicReference<String> consumerFailure = new AtomicReference<>();

    private KafkaBroker(KafkaConfig config, String clientPrefix, Admin admin, TopicProvisioner topics,
                        KafkaPublisher publisher) {
        this.config = config;
        this.clientPrefix = clientPrefix;
        this.admin = admin;
        this.topics = topics;
        this.publisher = publisher;
        this.topicWatch = new TopicWatch(admin, topics, publisher::renewProducer, TOPIC_CHECK_INTERVAL,
                config.operationTimeout());
    }

    /** Creates the clients; no connection is made until the first call. */
    public static KafkaBroker create(KafkaConfig config) {
        String prefix = "eventbus-" + INSTANCES.incrementAndGet();
        Admin admin = null;
        try {
            admin = Admin.create(ClientProperties.admin(config, prefix + "-admin"));
            TopicProvisioner topics = new TopicProvisioner(admin, config);
            return new KafkaBroker(config, prefix, admin, topics, new KafkaPublisher(
                    () -> new KafkaProducer<>(ClientProperties.producer(config, prefix + "-producer"),
                            new StringSerializer(), new ByteArraySerializer()),
                    topics, config.operationTimeout()));
        } catch (KafkaException e) {
            if (admin != null) {
                admin.close(Duration.ZERO);
            }
            throw KafkaFailures.translate("Could not create Kafka clients for " + config.bootstrapServers(), e);
        }
    }

    @Override
    public CompletableFuture<Void> publish(Destination destination, List<BrokerMessage> messages) {
        return publisher.publish(destination, messages);
    }

    /** Returns once the new member took part in a rebalance of {@code spec.group()}. */
    @Override
    public BrokerSubscription subscribe(ConsumerSpec spec, MessageHandler handler) {
        if (closed.get()) {
            throw new IllegalStateException("The Kafka broker is closed");
        }
        topics.ensure(spec.topic());
        refuseForeignMembers(spec);
        String name = clientPrefix + "-" + spec.group() + "-" + memberIds.incrementAndGet() + spec.ownerMark();
        KafkaConsumer<String, byte[]> consumer;
        try {
            consumer = new KafkaConsumer<>(ClientProperties.consumer(config, spec, name), new StringDeserializer(),
                    new ByteArrayDeserializer());
        } catch (KafkaException e) {
            throw KafkaFailures.translate("Could not create a Kafka consumer for group " + spec.group(), e);
        }
        ConsumerMember member = ConsumerMember.join(consumer, spec, handler, name, config.retryBackoff(),
                config.operationTimeout(), this::memberClosed);
        members.add(member);
        topicWatch.watch(member, spec.topic(), member::readFromTheStart, handler);
        return member;
    }

    /** Members carry their deployment in their client id; the group's current ones are checked before joining. */
    private void refuseForeignMembers(ConsumerSpec spec) {
        if (spec.owner() == null) {
            return;
        }
        ConsumerGroupDescription group;
        try {
            group = KafkaFailures.await(admin.describeConsumerGroups(List.of(spec.group()))
                            .describedGroups().get(spec.group()), config.operationTimeout(),
                    "describing consumer group " + spec.group());
        } catch (EventBusException e) {
            if (KafkaFailures.unwrap(e.getCause()) instanceof GroupIdNotFoundException) {
                return; // nobody has joined it yet
            }
            throw e;
        }
        for (MemberDescription member : group.members()) {
            if (spec.isForeign(member.clientId())) {
                throw spec.foreignMemberRefusal("Kafka", member.clientId());
            }
        }
    }

    private void memberClosed(ConsumerMember member) {
        members.remove(member);
        topicWatch.unwatch(member);
        if (member.failure() != null) {
            consumerFailure.set("Kafka consumer " + member.name() + " stopped: " + member.failure());
        }
    }

    @Override
    public String healthName() {
        return "kafka";
    }

    /**
     * Healthy when the cluster metadata can be read within two seconds and no consumer stopped on an
     * error. {@code lag} is, per consumer group, the records of this process's members' partitions
     * not fetched yet (from the last fetches' log end offsets, no broker call).
     */
    @Override
    public ComponentHealth health() {
        String failure = consumerFailure.get();
        if (failure != null) {
            return ComponentHealth.unhealthy(failure);
        }
        try {
            DescribeClusterResult cluster = admin.describeCluster(
                    new DescribeClusterOptions().timeoutMs((int) HEALTH_TIMEOUT.toMillis()));
            String what = "Kafka cluster metadata not readable";
            String clusterId = KafkaFailures.await(cluster.clusterId(), HEALTH_TIMEOUT, what);
            int nodes = KafkaFailures.await(cluster.nodes(), HEALTH_TIMEOUT, what).size();
            Map<String, Long> lag = new TreeMap<>();
            members.forEach(member -> lag.merge(member.group(), member.unfetched(), Long::sum));
            return ComponentHealth.healthy(Map.of("cluster_id", String.valueOf(clusterId), "nodes", nodes,
                    "bootstrap_servers", config.bootstrapServers(), "lag", lag));
        } catch (RuntimeException e) {
            return ComponentHealth.unhealthy(e.getMessage());
        }
    }

    /** Closes the members (they commit what they handled and leave), then flushes the producer. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        topicWatch.close();
        List.copyOf(members).forEach(ConsumerMember::close);
        publisher.close();
        admin.close(config.operationTimeout());
    }
}
