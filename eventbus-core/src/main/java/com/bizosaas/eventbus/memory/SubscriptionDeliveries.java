package com.bizosaas.eventbus.memory;

import com.bizosaas.eventbus.delivery.Delivery;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * One subscription's deliveries in {@link InMemoryDeliveryStore}. Pending and leased deliveries
 * that are first of their ordering key wait in a claim line per tenant, sorted by when they are
 * due; later ones of a key wait in the key's line until the earlier ones are done. Guarded by the
 * store's monitor.
 */
final class SubscriptionDeliveries {
    private final Map<UUID, TreeSet<DeliverySlot>> readyByTenant = new HashMap<>();
    private final Map<String, TreeSet<DeliverySlot>> activeByKey = new HashMap<>();
    private final Set<DeliverySlot> all = new HashSet<>();

    void add(DeliverySlot slot) {
        all.add(slot);
        activate(slot);
    }

    Collection<DeliverySlot> all() {
        return all;
    }

    /** Drops a finished delivery; false if it was not here. */
    boolean remove(DeliverySlot slot) {
        return all.remove(slot);
    }

    /** Makes a pending or leased delivery claimable, unless an earlier one of its key is still open. */
    void activate(DeliverySlot slot) {
        String key = slot.delivery().orderingKey();
        if (key == null) {
            ready(slot);
            return;
        }
        TreeSet<DeliverySlot> line = activeByKey.computeIfAbsent(key, k -> new TreeSet<>(DeliverySlot.BY_POSITION));
        DeliverySlot previousHead = line.isEmpty() ? null : line.first();
        line.add(slot);
        if (line.first() == slot) {
            if (previousHead != null) {
                unready(previousHead);
            }
            ready(slot);
        }
    }

    /** Takes a delivery that is no longer pending or leased out; the next of its key becomes claimable. */
    void deactivate(DeliverySlot slot) {
        unready(slot);
        String key = slot.delivery().orderingKey();
        if (key == null) {
            return;
        }
        TreeSet<DeliverySlot> line = activeByKey.get(key);
        boolean wasHead = line.first() == slot;
        line.remove(slot);
        if (line.isEmpty()) {
            activeByKey.remove(key);
        } else if (wasHead) {
            ready(line.first());
        }
    }

    /** Changes an open delivery's state (lease, retry time); it keeps its place in its key's line. */
    void update(DeliverySlot slot, Delivery next) {
        boolean wasReady = unready(slot);
        slot.set(next);
        if (wasReady) {
            ready(slot);
        }
    }

    /** Adds a claim lane for every tenant with something due at {@code now}. */
    void collectLanes(Instant now, List<ClaimLane> lanes) {
        for (TreeSet<DeliverySlot> line : readyByTenant.values()) {
            ClaimLane lane = new ClaimLane(line.iterator());
            if (lane.advance(now)) {
                lanes.add(lane);
            }
        }
    }

    private void ready(DeliverySlot slot) {
        readyByTenant.computeIfAbsent(slot.delivery().tenantId(), t -> new TreeSet<>(DeliverySlot.BY_DUE)).add(slot);
        slot.ready = true;
    }

    private boolean unready(DeliverySlot slot) {
        if (!slot.ready) {
            return false;
        }
        UUID tenant = slot.delivery().tenantId();
        TreeSet<DeliverySlot> line = readyByTenant.get(tenant);
        line.remove(slot);
        if (line.isEmpty()) {
            readyByTenant.remove(tenant);
        }
        slot.ready = false;
        return true;
    }

    /** Walks one tenant's claim line of one subscription, as far as deliveries are due. */
    static final class ClaimLane {
        private final Iterator<DeliverySlot> line;
        private DeliverySlot next;

        private ClaimLane(Iterator<DeliverySlot> line) {
            this.line = line;
        }

        DeliverySlot next() {
            return next;
        }

        /** Moves to the next due delivery; false when there is none. */
        boolean advance(Instant now) {
            if (line.hasNext()) {
                DeliverySlot candidate = line.next();
                if (!candidate.due().isAfter(now)) {
                    next = candidate;
                    return true;
                }
            }
            next = null;
            return false;
        }
    }
}
