package com.bizosaas.eventbus.memory;

import com.bizosaas.eventbus.delivery.CircuitState;
import com.bizosaas.eventbus.delivery.Subscription;
import com.bizosaas.eventbus.spi.SubscriptionStore;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** The embedded {@link SubscriptionStore}: subscriptions in a concurrent map, lost on exit. Thread-safe. */
public final class InMemorySubscriptionStore implements SubscriptionStore {
    private static final Comparator<Subscription> OLDEST_FIRST = Comparator
            .comparing(Subscription::createdAt, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Subscription::id);

    private final ConcurrentHashMap<UUID, Subscription> byId = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<UUID, CircuitState> circuits = new ConcurrentHashMap<>();

    @Override
    public Subscription save(Subscription subscription) {
        byId.put(subscription.id(), subscription);
        return subscription;
    }

    @Override
    public Optional<Subscription> find(UUID id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public List<Subscription> list() {
        return byId.values().stream().sorted(OLDEST_FIRST).toList();
    }

    @Override
    public boolean delete(UUID id) {
        circuits.remove(id);
        return byId.remove(id) != null;
    }

    @Override
    public void saveCircuit(CircuitState state) {
        if (byId.containsKey(state.subscriptionId())) {
            circuits.put(state.subscriptionId(), state);
        }
    }

    @Override
    public List<CircuitState> circuits() {
        return List.copyOf(circuits.values());
    }
}
