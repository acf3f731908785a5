package com.bizosaas.eventbus.internal;

import com.bizosaas.eventbus.delivery.DeliveryMode;
import com.bizosaas.eventbus.delivery.Subscription;
import com.bizosaas.eventbus.delivery.SubscriptionStatus;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.spi.SubscriptionStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Snapshot of the subscription store used on the dispatch hot path. Refreshed after every local
 * change and periodically, so subscriptions made through other instances are seen within the
 * refresh interval. Thread-safe: readers see one immutable snapshot.
 */
final class SubscriptionCache {
    private final SubscriptionStore store;
    private volatile Map<UUID, Subscription> snapshot = Map.of();
    private volatile SubscriptionIndex index = SubscriptionIndex.EMPTY;

    SubscriptionCache(SubscriptionStore store) {
        this.store = store;
    }

    void refresh() {
        Map<UUID, Subscription> fresh = store.list().stream()
                .collect(Collectors.toUnmodifiableMap(Subscription::id, Function.identity()));
        index = SubscriptionIndex.of(fresh.values());
        snapshot = fresh;
    }

    Optional<Subscription> get(UUID id) {
        return Optional.ofNullable(snapshot.get(id));
    }

    List<Subscription> all() {
        return List.copyOf(snapshot.values());
    }

    /**
     * Subscriptions that should get a delivery for {@code event}; paused and disabled ones hold
     * theirs until resumed, so nothing published meanwhile is lost.
     */
    List<Subscription> matching(Event event) {
        return index.matching(event);
    }

    List<UUID> activeIds(DeliveryMode mode) {
        List<UUID> ids = new ArrayList<>();
        for (Subscription s : snapshot.values()) {
            if (s.mode() == mode && s.status() == SubscriptionStatus.ACTIVE) {
                ids.add(s.id());
            }
        }
        return ids;
    }
}
