package com.bizosaas.eventbus.memory;

import com.bizosaas.eventbus.UnavailableException;
import com.bizosaas.eventbus.model.ComponentHealth;
import com.bizosaas.eventbus.spi.BrokerMessage;
import com.bizosaas.eventbus.spi.BrokerSubscription;
import com.bizosaas.eventbus.spi.ConsumerSpec;
import com.bizosaas.eventbus.spi.Destination;
import com.bizosaas.eventbus.spi.MessageBroker;
import com.bizosaas.eventbus.spi.MessageHandler;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The embedded {@link MessageBroker}: consumer groups inside the JVM, lost on exit. Thread-safe
 * and lock-free on publish apart from one short monitor per key; each group keeps one lane per
 * key, so a key's messages are handled in order by one worker at a time while other keys run in
 * parallel on every member's threads. Binding patterns are ignored: every group gets its whole topic.
 */
public final class InMemoryMessageBroker implements MessageBroker {
    private final Map<String, Map<String, ConsumerGroup>> topics = new ConcurrentHashMap<>();
    private final Set<GroupMember> members = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "eventbus-memory-retries");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closed;

    @Override
    public CompletableFuture<Void> publish(Destination destination, List<BrokerMessage> messages) {
        if (closed) {
            return CompletableFuture.failedFuture(new UnavailableException("the in-memory broker is closed", null));
        }
        Map<String, ConsumerGroup> groups = topics.get(destination.topic());
        if (groups != null) {
            for (ConsumerGroup group : groups.values()) {
                group.offer(destination, messages);
            }
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public BrokerSubscription subscribe(ConsumerSpec spec, MessageHandler handler) {
        if (closed) {
            throw new UnavailableException("the in-memory broker is closed", null);
        }
        ConsumerGroup group = topics.computeIfAbsent(spec.topic(), t -> new ConcurrentHashMap<>())
                .computeIfAbsent(spec.group(), ConsumerGroup::new);
        GroupMember member = new GroupMember(group, spec, handler, retries, members::remove);
        members.add(member);
        member.start();
        return member;
    }

    /** Messages live in this JVM only. */
    @Override
    public boolean isDurable() {
        return false;
    }

    @Override
    public String healthName() {
        return "broker";
    }

    @Override
    public ComponentHealth health() {
        if (closed) {
            return ComponentHealth.unhealthy("the in-memory broker is closed");
        }
        int groups = topics.values().stream().mapToInt(Map::size).sum();
        int backlog = topics.values().stream().flatMap(g -> g.values().stream()).mapToInt(ConsumerGroup::backlog)
                .sum();
        return ComponentHealth.healthy(Map.of("type", "memory", "topics", topics.size(), "groups", groups,
                "members", members.size(), "keys_waiting", backlog));
    }

    @Override
    public void close() {
        closed = true;
        members.forEach(GroupMember::close);
        retries.shutdownNow();
    }
}
