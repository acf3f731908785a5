package com.bizosaas.eventbus.broker.kafka.internal;

import com.bizosaas.eventbus.EventBusException;
import com.bizosaas.eventbus.spi.MessageHandler;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices a topic deleted under its consumers, with every record it held: Kafka gives a topic a new
 * id each time it is created, so a topic that is gone or whose id changed since it was first seen
 * lost its records. Checks every interval on its own daemon thread, creates a missing topic again
 * (so that what is republished has a place to go), runs {@code onRecreated}, then tells each watching handler
 * {@link MessageHandler#messagesLost}. Thread-safe.
 */
public final class TopicWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TopicWatch.class);

    private final Admin admin;
    private final TopicProvisioner topics;
    private final Runnable onRecreated;
    private final Duration timeout;
    private final Map<String, Uuid> ids = new ConcurrentHashMap<>();
    private final Map<Object, Watcher> watchers = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "eventbus-kafka-topic-watch");
        thread.setDaemon(true);
        return thread;
    });

    public TopicWatch(Admin admin, TopicProvisioner topics, Runnable onRecreated, Duration interval, Duration timeout) {
        this.admin = admin;
        this.topics = topics;
        this.onRecreated = onRecreated;
        this.timeout = timeout;
        timer.scheduleWithFixedDelay(this::checkAll, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Reports losses of {@code topic} to {@code handler} until {@link #unwatch}{@code (owner)},
     * after running {@code rewind}, which must make the consumer read the new topic from its start.
     */
    public void watch(Object owner, String topic, Runnable rewind, MessageHandler handler) {
        try {
            ids.computeIfAbsent(topic, this::currentId);
        } catch (RuntimeException e) {
            // The member has joined already; the next check takes the id it sees as the first.
            LOG.debug("Could not read the id of Kafka topic {} yet: {}", topic, e.toString());
        }
        watchers.put(owner, new Watcher(topic, rewind, handler));
    }

    public void unwatch(Object owner) {
        watchers.remove(owner);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    private void checkAll() {
        Set<String> watched = watchers.values().stream().map(Watcher::topic).collect(Collectors.toSet());
        for (String topic : watched) {
            try {
                check(topic);
            } catch (RuntimeException e) {
                // Kafka unreachable: the consumers report that; the next round looks again.
                LOG.debug("Could not check Kafka topic {} for deletion: {}", topic, e.toString());
            }
        }
    }

    private void check(String topic) {
        Uuid id;
        try {
            id = currentId(topic);
        } catch (EventBusException e) {
            if (!(KafkaFailures.unwrap(e.getCause()) instanceof UnknownTopicOrPartitionException)) {
                throw e;
            }
            topics.recreate(topic);
            id = currentId(topic);
        }
        Uuid before = ids.put(topic, id);
        if (before == null || before.equals(id)) {
            return;
        }
        String reason = "Kafka topic " + topic + " was deleted with the records it held (its id changed from "
                + before + " to " + id + ")";
        LOG.warn("{}; reporting the loss to its consumers", reason);
        onRecreated.run();
        for (Watcher watcher : List.copyOf(watchers.values())) {
            if (watcher.topic().equals(topic)) {
                try {
                    watcher.rewind().run();
                    watcher.handler().messagesLost(reason);
                } catch (RuntimeException e) {
                    LOG.error("A handler of topic {} failed on a loss report ({})", topic, reason, e);
                }
            }
        }
    }

    private Uuid currentId(String topic) {
        return KafkaFailures.await(admin.describeTopics(List.of(topic),
                        new DescribeTopicsOptions().timeoutMs((int) timeout.toMillis())).allTopicNames(), timeout,
                "describing Kafka topic " + topic).get(topic).topicId();
    }

    private record Watcher(String topic, Runnable rewind, MessageHandler handler) {
    }
}
