package com.bizosaas.eventbus.spi;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Fans stored events out to the dispatchers (the seed's {@code MessageBrokerInterface}).
 * Thread-safe. Contract: {@code MessageBrokerContract} in core's test-jar.
 */
public interface MessageBroker extends HealthIndicator, AutoCloseable {

    /**
     * Publishes a batch to one destination. The future completes only once the broker holds
     * every message durably (Kafka acks=all, RabbitMQ confirms, Redis XADD reply), and fails
     * (with an {@code UnavailableException}) if any was not accepted.
     */
    CompletableFuture<Void> publish(Destination destination, List<BrokerMessage> messages);

    /**
     * Joins {@code spec.group()} as a new member. Each message goes to one live member; it is
     * acknowledged only after {@code handler} returns, and redelivered to a live member if the
     * handler throws or its member dies before acknowledging.
     */
    BrokerSubscription subscribe(ConsumerSpec spec, MessageHandler handler);

    /**
     * True when a completed {@link #publish} survives this process dying (Kafka, RabbitMQ, Redis),
     * read once when the engine is built. The engine then records the broker's confirmation, so
     * the outbox relay republishes only what the broker never took; for a broker that keeps
     * messages in this process's memory only, it republishes whatever is not dispatched after the
     * outbox delay. Either way an event leaves the outbox only once it has been dispatched, and a
     * broker that finds it lost confirmed messages says so through
     * {@link MessageHandler#messagesLost}.
     */
    default boolean isDurable() {
        return true;
    }

    /** Releases what the broker holds (connections, threads); the default holds nothing. */
    @Override
    default void close() {
    }
}
