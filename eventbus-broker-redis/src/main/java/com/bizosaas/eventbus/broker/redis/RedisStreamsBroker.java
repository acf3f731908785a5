package com.bizosaas.eventbus.broker.redis;

import com.bizosaas.eventbus.broker.redis.internal.GroupMember;
import com.bizosaas.eventbus.broker.redis.internal.PersistenceWatch;
import com.bizosaas.eventbus.broker.redis.internal.RedisConnections;
import com.bizosaas.eventbus.broker.redis.internal.ServerPersistence;
import com.bizosaas.eventbus.broker.redis.internal.StreamPublisher;
import com.bizosaas.eventbus.model.ComponentHealth;
import com.bizosaas.eventbus.spi.BrokerMessage;
import com.bizosaas.eventbus.spi.BrokerSubscription;
import com.bizosaas.eventbus.spi.ConsumerSpec;
import com.bizosaas.eventbus.spi.Destination;
import com.bizosaas.eventbus.spi.MessageBroker;
import com.bizosaas.eventbus.spi.MessageHandler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@link MessageBroker} on Redis Streams: one stream per topic ({@code streamPrefix + topic}),
 * XADD, consumer groups with XREADGROUP, XACK after the handler returned, XAUTOCLAIM of entries
 * pending longer than {@code redeliverAfter}, and trimming only below what every group has
 * acknowledged. A vanished group, or a restart of a Redis that does not keep what it confirms, is
 * reported to the subscribers' handlers as a loss ({@code MessageHandler.messagesLost}). Routing keys
 * travel with each message; Redis does not filter on them, so {@code bindingPattern} is ignored.
 * Thread-safe; close it to release its connections and threads.
 */
public final class RedisStreamsBroker implements MessageBroker {
    private final RedisConfig config;
    private final RedisConnections connections;
    private final StreamPublisher publisher;
    private final PersistenceWatch persistence;
    private final Set<GroupMember> members = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();

    private RedisStreamsBroker(RedisConfig config) {
        this.config = config;
        this.connections = new RedisConnections(config);
        this.publisher = new StreamPublisher(connections);
        this.persistence = new PersistenceWatch(connections);
    }

    /** Connects lazily: creating the broker succeeds even while Redis is down. */
    public static RedisStreamsBroker create(RedisConfig config) {
        return new RedisStreamsBroker(config);
    }

    /**
     * Pipelines the batch's XADDs (together with other publishes waiting at the same moment). Fails
     * with {@code UnavailableException} within about the configured timeout while Redis is unreachable.
     */
    @Override
    public CompletableFuture<Void> publish(Destination destination, List<BrokerMessage> messages) {
        return publisher.publish(destination, messages);
    }

    /**
     * Joins the group as a new member, creating the group at the stream's end if it does not exist
     * yet. Throws {@code UnavailableException} while Redis is unreachable.
     */
    @Override
    public BrokerSubscription subscribe(ConsumerSpec spec, MessageHandler handler) {
        if (closed.get()) {
            throw new IllegalStateException("the Redis broker is closed");
        }
        GroupMember member = GroupMember.join(connections, persistence, spec, handler, members::remove);
        members.add(member);
        return member;
    }

    @Override
    public String healthName() {
        return "redis";
    }

    /**
     * PINGs Redis over the pool; {@code ping_ms} is the round trip, {@code durable} whether Redis
     * keeps what it confirmed across its own crash ({@code persistence} says why; false until Redis
     * was reached), and {@code lag} the entries this broker's consumer groups have not acknowledged
     * yet (the dispatcher's lag, which also bounds the stream's length).
     */
    @Override
    public ComponentHealth health() {
        try {
            long start = System.nanoTime();
            connections.withPool(client -> client.ping());
            double millis = (System.nanoTime() - start) / 1_000_000.0;
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("ping_ms", Math.round(millis * 1000) / 1000.0);
            details.put("address", config.address());
            Optional<ServerPersistence> known = persistence.known();
            details.put("durable", known.map(ServerPersistence::durable).orElse(false));
            details.put("persistence", known.map(ServerPersistence::description).orElse("not known yet"));
            Map<String, Long> lag = new TreeMap<>();
            for (GroupMember member : members) {
                try {
                    lag.merge(member.groupName(), member.lag(), Math::max);
                } catch (RuntimeException groupGone) {
                    // Its stream or group vanished: the member recreates it and reports the loss.
                }
            }
            details.put("lag", lag);
            return ComponentHealth.healthy(details);
        } catch (RuntimeException e) {
            return ComponentHealth.unhealthy("Redis at " + config.address() + " is unreachable: " + e.getMessage());
        }
    }

    /** Closes every subscription (leaving unfinished entries pending), sends queued publishes, then disconnects. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        List.copyOf(members).forEach(GroupMember::close);
        publisher.close();
        connections.close();
    }
}
