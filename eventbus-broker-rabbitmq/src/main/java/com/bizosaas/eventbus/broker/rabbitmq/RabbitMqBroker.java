package com.bizosaas.eventbus.broker.rabbitmq;

import com.bizosaas.eventbus.EventBusException;
import com.bizosaas.eventbus.UnavailableException;
import com.bizosaas.eventbus.broker.rabbitmq.internal.AmqpConnections;
import com.bizosaas.eventbus.broker.rabbitmq.internal.GroupMember;
import com.bizosaas.eventbus.broker.rabbitmq.internal.GroupOwnership;
import com.bizosaas.eventbus.broker.rabbitmq.internal.PublisherPool;
import com.bizosaas.eventbus.broker.rabbitmq.internal.Topology;
import com.bizosaas.eventbus.broker.rabbitmq.internal.TopologyNames;
import com.bizosaas.eventbus.model.ComponentHealth;
import com.bizosaas.eventbus.model.HealthStatus;
import com.bizosaas.eventbus.spi.BrokerMessage;
import com.bizosaas.eventbus.spi.BrokerSubscription;
import com.bizosaas.eventbus.spi.ConsumerSpec;
import com.bizosaas.eventbus.spi.Destination;
import com.bizosaas.eventbus.spi.MessageBroker;
import com.bizosaas.eventbus.spi.MessageHandler;
import com.bizosaas.eventbus.broker.rabbitmq.internal.LostQueueCheck;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Recoverable;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link MessageBroker} on RabbitMQ through the official amqp-client. Thread-safe.
 *
 * <p>Each topic is a durable topic exchange named {@code <prefix>.<topic>} (prefix:
 * {@code EVENTBUS_RABBITMQ_EXCHANGE}, default {@code eventbus}); a message's routing key is the
 * destination's {@code <tenant>.<event_type>}, whose dots make separate words, so a group binds by
 * type ({@code *.lead.#}) or tenant ({@code <tenant>.#}). Each consumer group has one durable quorum
 * queue {@code <exchange>.<group>} bound by the members' patterns; after
 * {@code EVENTBUS_RABBITMQ_DELIVERY_LIMIT} deliveries a message is dead-lettered to the queue
 * {@code <exchange>.<group>.dead-letter} through the direct exchange {@code <exchange>.dead-letter}.
 *
 * <p>Publishing uses a few channels in confirm mode with the mandatory flag: a publish completes
 * on RabbitMQ's confirms and fails on a nack, on a message no queue is bound for, or when the
 * connection is down. Each member consumes on its own channel with {@code basic.qos} prefetch and
 * manual acknowledgement. Publishing and consuming use separate connections (so that flow
 * control on publishers never delays acknowledgements), both recovering automatically. RabbitMQ
 * requeues a dead member's messages as soon as its channel or connection closes, so
 * {@link ConsumerSpec#redeliverAfter()} is not used.
 */
public final class RabbitMqBroker implements MessageBroker {
    private static final Logger LOG = LoggerFactory.getLogger(RabbitMqBroker.class);

    private static final int CLOSE_TIMEOUT_MILLIS = 5_000;

    private final RabbitMqConfig config;
    private final Connection consuming;
    private final Topology topology;
    private final PublisherPool publishers;
    private final Set<GroupMember> members = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private RabbitMqBroker(RabbitMqConfig config, Connection consuming) {
        this.config = config;
        this.consuming = consuming;
        this.topology = new Topology(consuming, new TopologyNames(config.exchange()), config.deliveryLimit());
        this.publishers = new PublisherPool(() -> AmqpConnections.open(config, "publish"),
                config.publisherChannels(), config.confirmTimeout(), topology::forgetExchanges);
        ((Recoverable) consuming).addRecoveryListener(new LostQueueCheck(() -> members));
    }

    /**
     * Connects to the broker {@code config} names. Throws {@link UnavailableException} when it
     * cannot be reached; once connected, lost connections are recovered automatically.
     */
    public static RabbitMqBroker create(RabbitMqConfig config) {
        Objects.requireNonNull(config, "config");
        Connection consuming = AmqpConnections.open(config, "consume");
        try {
            return new RabbitMqBroker(config, consuming);
        } catch (RuntimeException e) {
            closeQuietly(consuming);
            throw e;
        }
    }

    /** The names this broker gives exchanges and queues. */
    public TopologyNames names() {
        return topology.names();
    }

    @Override
    public CompletableFuture<Void> publish(Destination destination, List<BrokerMessage> messages) {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(messages, "messages");
        if (closed) {
            return CompletableFuture.failedFuture(new UnavailableException("the RabbitMQ broker is closed", null));
        }
        String exchange;
        try {
            exchange = topology.ensureExchange(destination.topic());
        } catch (EventBusException e) {
            return CompletableFuture.failedFuture(e);
        }
        String routingKey = destination.routingKey() == null ? "" : destination.routingKey();
        return publishers.publish(exchange, routingKey, messages);
    }

    @Override
    public BrokerSubscription subscribe(ConsumerSpec spec, MessageHandler handler) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(handler, "handler");
        if (closed) {
            throw new IllegalStateException("the RabbitMQ broker is closed");
        }
        String queue = topology.ensureGroupQueue(spec);
        String liveQueue = spec.owner() == null ? null : GroupOwnership.claim(consuming, queue, spec);
        GroupMember member = GroupMember.join(consuming, queue, spec, config.prefetch(), handler, members::remove,
                () -> {
                    topology.forgetExchanges(); // whoever deleted the queue may have deleted the exchange too
                    topology.ensureGroupQueue(spec);
                    // A channel that published to the lost queue may enqueue into the new one with stale
                    // state and never be confirmed (see PublisherPool): publish on a new connection.
                    try {
                        publishers.renewConnection();
                    } catch (EventBusException e) {
                        // Consuming must resume anyway; on the old connection an unconfirmed publish
                        // times out and the outbox publishes it again.
                        LOG.warn("Could not open a new publishing connection after queue {} was lost; publishing "
                                + "stays on the old one: {}", topology.names().queue(spec.topic(), spec.group()),
                                e.toString());
                    }
                }, liveQueue);
        members.add(member);
        return member;
    }

    @Override
    public String healthName() {
        return "rabbitmq";
    }

    /**
     * Healthy while both connections are open; degraded while RabbitMQ blocks publishing or a
     * member lost its channel for good; unhealthy while a connection is down (it is recovering).
     * {@code lag} is, per consumer group, the messages ready in its queue (the dispatcher's lag).
     */
    @Override
    public ComponentHealth health() {
        if (closed) {
            return ComponentHealth.unhealthy("closed");
        }
        Connection publishing = publishers.connection();
        for (Connection connection : List.of(publishing, consuming)) {
            if (!connection.isOpen()) {
                return ComponentHealth.unhealthy("connection " + connection.getClientProvidedName()
                        + " to " + config.redactedUrl() + " is down; reconnecting");
            }
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("connection", "open");
        details.put("server_version", String.valueOf(publishing.getServerProperties().get("version")));
        details.put("consumers", members.size());
        HealthStatus status = HealthStatus.HEALTHY;
        String blocked = publishers.blockedReason();
        if (blocked != null) {
            status = HealthStatus.DEGRADED;
            details.put("publishing_blocked", blocked);
        }
        Map<String, Long> lag = new TreeMap<>();
        for (GroupMember member : members) {
            String lost = member.lostReason();
            if (lost != null) {
                status = HealthStatus.DEGRADED;
                details.put("consumer_lost", "group " + member.spec().group() + ": " + lost);
            }
            try {
                lag.put(member.spec().group(), topology.readyMessages(member.queue()));
            } catch (EventBusException e) {
                // Being declared again, or the connection is going: the next health check tells.
            }
        }
        details.put("lag", lag);
        return new ComponentHealth(status, details);
    }

    /** Closes every member (their unacknowledged messages are requeued), the publishers and both connections. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (GroupMember member : List.copyOf(members)) {
            member.close();
        }
        publishers.close();
        topology.close();
        closeQuietly(consuming);
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close(CLOSE_TIMEOUT_MILLIS);
        } catch (IOException | RuntimeException e) {
            LOG.debug("Closing the RabbitMQ connection failed; it is gone either way: {}", e.toString());
        }
    }
}
