package com.bizosaas.eventbus;

import com.bizosaas.eventbus.delivery.CircuitState;
import com.bizosaas.eventbus.delivery.Subscription;
import com.bizosaas.eventbus.delivery.SubscriptionStatus;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Managing subscriptions: webhook and pull ones by value, in-process ones by handler. Thread-safe. */
public interface Subscriptions {

    /** Registers a webhook or pull subscription (persisted). */
    Subscription subscribe(Subscription subscription);

    /**
     * Registers an in-process handler for {@code eventPattern} under {@code serviceName}. The
     * subscription's id is derived from both, so a restarted process that registers again picks
     * up its pending retries; the {@code options} given at the latest registration apply. Close
     * the returned registration to stop receiving.
     */
    Registration on(String eventPattern, String serviceName, InProcessOptions options, EventHandler handler);

    /** {@link #on(String, String, InProcessOptions, EventHandler)} with {@link InProcessOptions#DEFAULTS}. */
    default Registration on(String eventPattern, String serviceName, EventHandler handler) {
        return on(eventPattern, serviceName, InProcessOptions.DEFAULTS, handler);
    }

    /**
     * Registers a handler that receives each event's data mapped onto {@code dataType} (a record,
     * bean or map), once per delivery attempt. Data that does not fit makes the delivery a dead
     * letter at once, its error the mapping message ({@link com.bizosaas.eventbus.model.EventDataMappingException}).
     */
    default <T> Registration on(String eventPattern, String serviceName, Class<T> dataType,
                                TypedEventHandler<T> handler) {
        return on(eventPattern, serviceName, InProcessOptions.DEFAULTS, dataType, handler);
    }

    /** {@link #on(String, String, Class, TypedEventHandler)} with explicit options. */
    default <T> Registration on(String eventPattern, String serviceName, InProcessOptions options, Class<T> dataType,
                                TypedEventHandler<T> handler) {
        if (dataType == null || handler == null) {
            throw new IllegalArgumentException("dataType and handler are required");
        }
        return on(eventPattern, serviceName, options, event -> handler.handle(event, event.dataAs(dataType)));
    }

    List<Subscription> subscriptions();

    Optional<Subscription> subscription(UUID id);

    /**
     * The circuit breaker of a webhook subscription, as last recorded by any instance (refreshed
     * every few seconds); empty while it never failed.
     */
    Optional<CircuitState> circuit(UUID subscriptionId);

    /** Every recorded circuit breaker state (for metrics). */
    List<CircuitState> circuits();

    /** Removes the subscription and its pending deliveries; throws {@link NotFoundException} if unknown. */
    void unsubscribe(UUID id);

    /** Pauses, resumes or re-enables; throws {@link NotFoundException} if unknown. */
    Subscription setStatus(UUID id, SubscriptionStatus status);

    /** Handle of an in-process registration. */
    interface Registration extends AutoCloseable {
        Subscription subscription();

        @Override
        void close();
    }
}
