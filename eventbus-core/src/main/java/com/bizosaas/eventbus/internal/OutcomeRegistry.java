package com.bizosaas.eventbus.internal;

import com.bizosaas.eventbus.DeliveryOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Collects first-attempt outcomes for synchronous publishers. A waiter registers the event id and
 * the subscriptions it expects before publishing; the delivery worker reports each first
 * attempt. Thread-safe; costs one map look-up per attempt when nobody waits.
 */
final class OutcomeRegistry {

    private final Map<UUID, Waiter> waiters = new ConcurrentHashMap<>();

    CompletableFuture<List<DeliveryOutcome>> expect(UUID eventId, Set<UUID> subscriptionIds) {
        Waiter waiter = new Waiter(subscriptionIds);
        if (subscriptionIds.isEmpty()) {
            waiter.done.complete(List.of());
        } else {
            waiters.put(eventId, waiter);
        }
        return waiter.done;
    }

    /** Outcomes gathered so far; stops waiting for the rest. */
    List<DeliveryOutcome> abandon(UUID eventId) {
        Waiter waiter = waiters.remove(eventId);
        if (waiter == null) {
            return List.of();
        }
        synchronized (waiter) {
            return List.copyOf(waiter.outcomes);
        }
    }

    void report(UUID eventId, DeliveryOutcome outcome) {
        Waiter waiter = waiters.get(eventId);
        if (waiter == null) {
            return;
        }
        synchronized (waiter) {
            if (waiter.pending.remove(outcome.subscriptionId())) {
                waiter.outcomes.add(outcome);
            }
            if (waiter.pending.isEmpty()) {
                waiters.remove(eventId);
                waiter.done.complete(List.copyOf(waiter.outcomes));
            }
        }
    }

    private static final class Waiter {
        final Set<UUID> pending;
        final List<DeliveryOutcome> outcomes = new ArrayList<>();
        final CompletableFuture<List<DeliveryOutcome>> done = new CompletableFuture<>();

        Waiter(Set<UUID> expected) {
            this.pending = ConcurrentHashMap.newKeySet();
            this.pending.addAll(expected);
        }
    }
}
