package com.bizosaas.eventbus.internal;

import com.bizosaas.eventbus.delivery.Delivery;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ordering keys whose events wait in the delivery store, per subscription, with how many stored
 * deliveries of the key the store has not finished. While a key is held, {@link DirectDeliveries}
 * sends its later events to the store too, so they queue behind the earlier ones. Replays do not
 * hold keys: they are separate deliveries with no order against live ones. Thread-safe.
 */
final class HeldKeys {
    private final Map<Key, Integer> counts = new ConcurrentHashMap<>();

    void hold(UUID subscriptionId, String orderingKey) {
        counts.merge(new Key(subscriptionId, orderingKey), 1, Integer::sum);
    }

    void release(UUID subscriptionId, String orderingKey) {
        counts.computeIfPresent(new Key(subscriptionId, orderingKey), (k, n) -> n > 1 ? n - 1 : null);
    }

    boolean isHeld(UUID subscriptionId, String orderingKey) {
        return !counts.isEmpty() && counts.containsKey(new Key(subscriptionId, orderingKey));
    }

    /** The store finished {@code delivery} (delivered or dead letter). */
    void finished(Delivery delivery) {
        if (delivery.orderingKey() != null && delivery.replayId() == null) {
            release(delivery.subscriptionId(), delivery.orderingKey());
        }
    }

    void forget(UUID subscriptionId) {
        counts.keySet().removeIf(k -> k.subscriptionId().equals(subscriptionId));
    }

    private record Key(UUID subscriptionId, String orderingKey) {
    }
}
