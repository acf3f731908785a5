package com.bizosaas.eventbus.server;

import com.bizosaas.eventbus.server.TestHttp.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Consumers of one pull subscription, each pulling through a different instance on every round
 * (pull on one, acknowledge on the next), and checking the lease: an event handed to one consumer
 * must not be handed to another before the first acknowledged it.
 */
final class ClusterPullConsumers implements AutoCloseable {
    private final ServerCluster cluster;
    private final String subscription;
    private final Map<String, Integer> received = new ConcurrentHashMap<>();
    private final Map<String, Integer> heldBy = new ConcurrentHashMap<>();
    private final List<String> leaseViolations = new CopyOnWriteArrayList<>();
    private final List<String> ackFailures = new CopyOnWriteArrayList<>();
    private final ExecutorService consumers;
    private volatile boolean running = true;

    ClusterPullConsumers(ServerCluster cluster, String subscription, int count) {
        this.cluster = cluster;
        this.subscription = subscription;
        this.consumers = Executors.newFixedThreadPool(count);
        for (int i = 0; i < count; i++) {
            int consumer = i;
            consumers.execute(() -> consume(consumer));
        }
    }

    /** Event id to the number of times it was pulled. */
    Map<String, Integer> received() {
        return received;
    }

    List<String> leaseViolations() {
        return leaseViolations;
    }

    /** Acknowledgements refused, or taken by no instance (the event then comes back after its lease). */
    List<String> ackFailures() {
        return ackFailures;
    }

    private void consume(int consumer) {
        for (int round = 0; running; round++) {
            int instance = (consumer + round) % cluster.size();
            JsonNode events = pull(instance);
            if (events == null) {
                continue;
            }
            for (JsonNode leased : events) {
                String id = leased.get("event").get("id").asText();
                Integer other = heldBy.putIfAbsent(id, consumer);
                if (other != null) {
                    leaseViolations.add(id + " leased to consumer " + consumer + " while consumer " + other + " held it");
                }
                received.merge(id, 1, Integer::sum);
                acknowledge(instance + 1, leased.get("ack_id").asText());
                heldBy.remove(id, consumer);
            }
        }
    }

    /** The pulled events, or null when the instance is unreachable or draining. */
    private JsonNode pull(int instance) {
        try {
            Reply reply = cluster.http(instance).post("/subscriptions/" + subscription + "/pull",
                    "{\"max_events\": 50, \"wait_ms\": 500}");
            return reply.status() == 200 ? reply.json().get("events") : null;
        } catch (UncheckedIOException e) {
            return null;
        }
    }

    /** Acknowledges through the first instance that answers, starting with {@code instance}. */
    private void acknowledge(int instance, String ackId) {
        for (int attempt = 0; attempt < 3 * cluster.size(); attempt++) {
            try {
                Reply reply = cluster.http((instance + attempt) % cluster.size()).post(
                        "/subscriptions/" + subscription + "/ack", "{\"ack_ids\": [\"" + ackId + "\"]}");
                if (reply.status() == 200) {
                    return;
                }
                if (reply.status() != 503) {
                    ackFailures.add(ackId + ": " + reply.status() + " " + reply.body());
                    return;
                }
            } catch (UncheckedIOException e) {
                // That instance is down; the next one takes the acknowledgement.
            }
        }
        ackFailures.add(ackId + ": no instance took the acknowledgement");
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumers.shutdown();
        if (!consumers.awaitTermination(10, TimeUnit.SECONDS)) {
            consumers.shutdownNow();
        }
    }
}
