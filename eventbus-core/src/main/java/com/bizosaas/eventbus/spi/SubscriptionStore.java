package com.bizosaas.eventbus.spi;

import com.bizosaas.eventbus.delivery.CircuitState;
import com.bizosaas.eventbus.delivery.Subscription;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Durable subscriptions. Thread-safe. Contract: {@code SubscriptionStoreContract} in core's test-jar.
 */
public interface SubscriptionStore extends AutoCloseable {

    /** Inserts or replaces the subscription with this id. */
    Subscription save(Subscription subscription);

    Optional<Subscription> find(UUID id);

    /** Every subscription, oldest first. Small enough to cache: dispatch matches in memory. */
    List<Subscription> list();

    /** Removes it and its pending deliveries' claim on it; false if there was none. */
    boolean delete(UUID id);

    /** Inserts or replaces a webhook subscription's circuit breaker state (deleted with the subscription). */
    void saveCircuit(CircuitState state);

    /** Every stored circuit state; a subscription without one is closed. */
    List<CircuitState> circuits();

    /** Releases what the store holds (connections, threads); the default holds nothing. */
    @Override
    default void close() {
    }
}
