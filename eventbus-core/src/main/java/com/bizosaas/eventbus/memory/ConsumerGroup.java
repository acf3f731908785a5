package com.bizosaas.eventbus.memory;

import com.bizosaas.eventbus.spi.BrokerMessage;
import com.bizosaas.eventbus.spi.Destination;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A consumer group of {@link InMemoryMessageBroker}: one lane per key with pending messages, and
 * the line of lanes waiting for a worker of any member. It outlives its members, so messages
 * published while no member is live wait for the next one. Thread-safe.
 */
final class ConsumerGroup {
    private final String name;
    private final ConcurrentHashMap<String, KeyLane> lanes = new ConcurrentHashMap<>();
    private final LinkedBlockingQueue<KeyLane> ready = new LinkedBlockingQueue<>();

    ConsumerGroup(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    void offer(Destination destination, List<BrokerMessage> messages) {
        for (BrokerMessage m : messages) {
            PendingMessage pending = new PendingMessage(destination.topic(), destination.routingKey(), m);
            if (m.key() == null) {
                new KeyLane(this, null).add(pending);
                continue;
            }
            // A lane may retire between lookup and add; then a fresh lane for the key is made.
            while (!lanes.computeIfAbsent(m.key(), k -> new KeyLane(this, k)).add(pending)) {
                Thread.onSpinWait();
            }
        }
    }

    /** The next lane to work on; blocks until there is one. */
    KeyLane take() throws InterruptedException {
        return ready.take();
    }

    /** Number of keys with messages not yet acknowledged. */
    int backlog() {
        return lanes.size();
    }

    void ready(KeyLane lane) {
        ready.add(lane);
    }

    void retire(KeyLane lane) {
        if (lane.key() != null) {
            lanes.remove(lane.key(), lane);
        }
    }
}
