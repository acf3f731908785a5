package com.bizosaas.eventbus;

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
     * up its pending retries. Close the returned registration to stop receiving.
     */
    Registration on(String eventPattern, String serviceName, EventHandler handler);

    List<Subscription> subscriptions();

    Optional<Subscription> subscription(UUID id);

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
