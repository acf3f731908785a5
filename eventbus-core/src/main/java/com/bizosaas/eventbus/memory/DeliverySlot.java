package com.bizosaas.eventbus.memory;

import com.bizosaas.eventbus.delivery.Delivery;
import com.bizosaas.eventbus.delivery.DeliveryStatus;
import java.time.Instant;
import java.util.Comparator;

/**
 * The current state of one delivery in {@link InMemoryDeliveryStore}; identity-compared, and
 * guarded by the store's monitor.
 */
final class DeliverySlot {
    /** Claim order: longest due first. */
    static final Comparator<DeliverySlot> BY_DUE = Comparator.comparing(DeliverySlot::due)
            .thenComparingLong(DeliverySlot::seq);
    /** Order within an ordering key. */
    static final Comparator<DeliverySlot> BY_POSITION = Comparator.comparingLong(DeliverySlot::position)
            .thenComparingLong(DeliverySlot::seq);

    private Delivery delivery;
    /** True while the slot sits in its tenant's claim line (pending or leased, and first of its key). */
    boolean ready;

    DeliverySlot(Delivery delivery) {
        this.delivery = delivery;
    }

    Delivery delivery() {
        return delivery;
    }

    /** Replaces the state; callers take the slot out of sorted sets whose order depends on it first. */
    void set(Delivery next) {
        this.delivery = next;
    }

    boolean isActive() {
        return delivery.status() == DeliveryStatus.PENDING || delivery.status() == DeliveryStatus.LEASED;
    }

    /** When it may be claimed: its next attempt, or when its lease runs out. */
    Instant due() {
        return delivery.status() == DeliveryStatus.LEASED ? delivery.leaseUntil() : delivery.nextAttemptAt();
    }

    long seq() {
        return delivery.seq();
    }

    long position() {
        return delivery.position();
    }
}
