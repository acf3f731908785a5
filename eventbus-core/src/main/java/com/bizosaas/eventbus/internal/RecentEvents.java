package com.bizosaas.eventbus.internal;

import com.bizosaas.eventbus.delivery.Delivery;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.spi.EventStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The events this process has dispatched lately, so the delivery worker and pull consumers use
 * the event the dispatcher already decoded instead of reading it back from the store. Bounded:
 * the oldest entries go first; the store is read only for what is not here (after a restart, an
 * event dispatched on another instance, or a retry long after dispatch). Thread-safe.
 */
final class RecentEvents {
    private final int capacity;
    private final Map<UUID, Event> byId = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<UUID> arrival = new ConcurrentLinkedQueue<>();

    RecentEvents(int capacity) {
        this.capacity = capacity;
    }

    void remember(Event event) {
        if (byId.putIfAbsent(event.id(), event) != null) {
            return;
        }
        arrival.add(event.id());
        while (byId.size() > capacity) {
            UUID oldest = arrival.poll();
            if (oldest == null) {
                return;
            }
            byId.remove(oldest);
        }
    }

    /**
     * The events of the given deliveries by id, from memory where it has them and from {@code
     * store}, one call per tenant, for the rest. An event no longer stored (retention) is absent.
     */
    Map<UUID, Event> eventsOf(Collection<Delivery> deliveries, EventStore store) {
        Map<UUID, Event> found = new HashMap<>(deliveries.size() * 2);
        Map<UUID, List<UUID>> missingByTenant = new HashMap<>();
        for (Delivery ref : deliveries) {
            Event event = byId.get(ref.eventId());
            if (event != null) {
                found.put(event.id(), event);
            } else {
                missingByTenant.computeIfAbsent(ref.tenantId(), t -> new ArrayList<>()).add(ref.eventId());
            }
        }
        missingByTenant.forEach((tenant, ids) -> store.findAll(tenant, ids).forEach(e -> found.put(e.id(), e)));
        return found;
    }
}
