package com.bizosaas.eventbus.memory;

import com.bizosaas.eventbus.delivery.DeadLetterQuery;
import com.bizosaas.eventbus.delivery.Delivery;
import com.bizosaas.eventbus.delivery.DeliveryAttempt;
import com.bizosaas.eventbus.delivery.DeliveryStatus;
import com.bizosaas.eventbus.memory.SubscriptionDeliveries.ClaimLane;
import com.bizosaas.eventbus.model.Page;
import com.bizosaas.eventbus.spi.DeliveryStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The embedded {@link DeliveryStore}: delivery state in the JVM heap, lost on exit. Thread-safe
 * behind one monitor; every operation is a few sorted-set steps, and claims walk only what is
 * due. Settling a delivery that is unknown (its subscription was deleted) or already finished
 * changes nothing.
 */
public final class InMemoryDeliveryStore implements DeliveryStore {
    private static final Comparator<ClaimLane> LONGEST_WAITING_FIRST =
            Comparator.comparing(ClaimLane::next, DeliverySlot.BY_DUE);

    private final Map<UUID, DeliverySlot> byId = new HashMap<>();
    private final Map<Identity, DeliverySlot> byIdentity = new HashMap<>();
    private final Map<UUID, SubscriptionDeliveries> bySubscription = new HashMap<>();
    private final TreeMap<Long, DeliverySlot> deadBySeq = new TreeMap<>();
    /** Delivered and discarded deliveries by creation, for retention. */
    private final TreeSet<DeliverySlot> finished = new TreeSet<>(Comparator
            .comparing((DeliverySlot slot) -> slot.delivery().createdAt()).thenComparingLong(DeliverySlot::seq));
    private final long[] counts = new long[DeliveryStatus.values().length];
    private long lastSeq;

    @Override
    public synchronized int enqueue(List<Delivery> deliveries) {
        int added = 0;
        for (Delivery d : deliveries) {
            Objects.requireNonNull(d.nextAttemptAt(), "next_attempt_at is required to enqueue a delivery");
            Identity identity = Identity.of(d);
            if (byIdentity.containsKey(identity)) {
                continue;
            }
            DeliverySlot slot = new DeliverySlot(copy(d, ++lastSeq, DeliveryStatus.PENDING, d.attempts(),
                    d.nextAttemptAt(), null, d.attemptLog()));
            byId.put(d.id(), slot);
            byIdentity.put(identity, slot);
            bySubscription.computeIfAbsent(d.subscriptionId(), s -> new SubscriptionDeliveries()).add(slot);
            counts[DeliveryStatus.PENDING.ordinal()]++;
            added++;
        }
        return added;
    }

    @Override
    public synchronized List<Delivery> claim(Collection<UUID> subscriptionIds, Instant now, int limit, Duration lease) {
        List<ClaimLane> lanes = new ArrayList<>();
        for (UUID id : new LinkedHashSet<>(subscriptionIds)) {
            SubscriptionDeliveries subscription = bySubscription.get(id);
            if (subscription != null) {
                subscription.collectLanes(now, lanes);
            }
        }
        lanes.sort(LONGEST_WAITING_FIRST);
        // Pick round-robin over (subscription, tenant) lanes before changing anything: the lanes
        // iterate the very sets that leasing reorders.
        List<DeliverySlot> picked = new ArrayList<>(Math.min(limit, 64));
        while (picked.size() < limit && !lanes.isEmpty()) {
            for (Iterator<ClaimLane> it = lanes.iterator(); it.hasNext() && picked.size() < limit; ) {
                ClaimLane lane = it.next();
                picked.add(lane.next());
                if (!lane.advance(now)) {
                    it.remove();
                }
            }
        }
        Instant leaseUntil = now.plus(lease);
        List<Delivery> claimed = new ArrayList<>(picked.size());
        for (DeliverySlot slot : picked) {
            Delivery d = slot.delivery();
            Delivery previous = d.status() == DeliveryStatus.LEASED
                    ? withAttempt(d, DeliveryAttempt.leaseExpired(now), d.status(), d.nextAttemptAt()) : d;
            Delivery leased = copy(previous, d.seq(), DeliveryStatus.LEASED, previous.attempts(), d.nextAttemptAt(),
                    leaseUntil, previous.attemptLog());
            count(d.status(), leased.status());
            bySubscription.get(d.subscriptionId()).update(slot, leased);
            claimed.add(leased);
        }
        return claimed;
    }

    @Override
    public synchronized void extendLeases(Collection<UUID> deliveryIds, Instant leaseUntil) {
        for (UUID id : deliveryIds) {
            DeliverySlot slot = open(id);
            if (slot != null && slot.delivery().status() == DeliveryStatus.LEASED) {
                Delivery d = slot.delivery();
                bySubscription.get(d.subscriptionId()).update(slot, copy(d, d.seq(), DeliveryStatus.LEASED,
                        d.attempts(), d.nextAttemptAt(), leaseUntil, d.attemptLog()));
            }
        }
    }

    @Override
    public synchronized void markDelivered(UUID deliveryId, DeliveryAttempt attempt) {
        DeliverySlot slot = finish(deliveryId, attempt, DeliveryStatus.DELIVERED);
        if (slot != null) {
            finished.add(slot);
        }
    }

    @Override
    public synchronized void reschedule(UUID deliveryId, DeliveryAttempt attempt, Instant nextAttemptAt) {
        DeliverySlot slot = open(deliveryId);
        if (slot != null) {
            Delivery d = slot.delivery();
            Delivery pending = withAttempt(d, attempt, DeliveryStatus.PENDING, nextAttemptAt);
            count(d.status(), pending.status());
            bySubscription.get(d.subscriptionId()).update(slot, pending);
        }
    }

    @Override
    public synchronized void markDead(UUID deliveryId, DeliveryAttempt attempt) {
        DeliverySlot slot = finish(deliveryId, attempt, DeliveryStatus.DEAD);
        if (slot != null) {
            deadBySeq.put(slot.seq(), slot);
        }
    }

    @Override
    public synchronized Optional<Delivery> find(UUID deliveryId) {
        DeliverySlot slot = byId.get(deliveryId);
        return slot == null ? Optional.empty() : Optional.of(slot.delivery());
    }

    @Override
    public synchronized Page<Delivery> deadLetters(DeadLetterQuery query) {
        List<DeliverySlot> matching = deadLetterSlots(query, query.limit() + 1);
        List<Delivery> items = new ArrayList<>(matching.size());
        matching.forEach(s -> items.add(s.delivery()));
        if (items.size() > query.limit()) {
            items.remove(items.size() - 1);
            return new Page<>(items, items.get(items.size() - 1).seq());
        }
        return new Page<>(items, 0);
    }

    @Override
    public synchronized int redrive(DeadLetterQuery query, Instant now) {
        List<DeliverySlot> matching = deadLetterSlots(query, query.limit());
        for (DeliverySlot slot : matching) {
            Delivery d = slot.delivery();
            deadBySeq.remove(d.seq());
            slot.set(copy(d, d.seq(), DeliveryStatus.PENDING, 0, now, null, d.attemptLog()));
            count(DeliveryStatus.DEAD, DeliveryStatus.PENDING);
            bySubscription.get(d.subscriptionId()).activate(slot);
        }
        return matching.size();
    }

    @Override
    public synchronized int discard(DeadLetterQuery query) {
        List<DeliverySlot> matching = deadLetterSlots(query, query.limit());
        for (DeliverySlot slot : matching) {
            Delivery d = slot.delivery();
            deadBySeq.remove(d.seq());
            slot.set(copy(d, d.seq(), DeliveryStatus.DISCARDED, d.attempts(), d.nextAttemptAt(), null,
                    d.attemptLog()));
            count(DeliveryStatus.DEAD, DeliveryStatus.DISCARDED);
            finished.add(slot);
        }
        return matching.size();
    }

    @Override
    public synchronized long count(DeliveryStatus status) {
        return counts[status.ordinal()];
    }

    @Override
    public synchronized long purgeFinishedBefore(Instant cutoff) {
        int purged = 0;
        DeliverySlot head;
        while (!finished.isEmpty() && (head = finished.first()).delivery().createdAt().isBefore(cutoff)) {
            finished.pollFirst();
            Delivery d = head.delivery();
            SubscriptionDeliveries subscription = bySubscription.get(d.subscriptionId());
            if (subscription != null && subscription.remove(head)) {
                forget(d);
                purged++;
            }
        }
        return purged;
    }

    @Override
    public synchronized void deleteForSubscription(UUID subscriptionId) {
        SubscriptionDeliveries subscription = bySubscription.remove(subscriptionId);
        if (subscription == null) {
            return;
        }
        for (DeliverySlot slot : subscription.all()) {
            forget(slot.delivery());
        }
        // Their entries in the retention queue find no subscription any more and are skipped.
    }

    private void forget(Delivery d) {
        byId.remove(d.id());
        byIdentity.remove(Identity.of(d));
        deadBySeq.remove(d.seq());
        counts[d.status().ordinal()]--;
    }

    /** Deliveries live in this JVM only. */
    @Override
    public boolean isDurable() {
        return false;
    }

    /** Settles an open delivery for good; returns its slot, or null if there was nothing to settle. */
    private DeliverySlot finish(UUID deliveryId, DeliveryAttempt attempt, DeliveryStatus status) {
        DeliverySlot slot = open(deliveryId);
        if (slot == null) {
            return null;
        }
        Delivery d = slot.delivery();
        bySubscription.get(d.subscriptionId()).deactivate(slot);
        slot.set(withAttempt(d, attempt, status, d.nextAttemptAt()));
        count(d.status(), status);
        return slot;
    }

    private DeliverySlot open(UUID deliveryId) {
        DeliverySlot slot = byId.get(deliveryId);
        return slot != null && slot.isActive() ? slot : null;
    }

    private List<DeliverySlot> deadLetterSlots(DeadLetterQuery query, int max) {
        List<DeliverySlot> result = new ArrayList<>();
        for (DeliverySlot slot : deadBySeq.tailMap(query.after(), false).values()) {
            if (result.size() >= max) {
                break;
            }
            if (query.matches(slot.delivery())) {
                result.add(slot);
            }
        }
        return result;
    }

    private void count(DeliveryStatus from, DeliveryStatus to) {
        counts[from.ordinal()]--;
        counts[to.ordinal()]++;
    }

    private static Delivery withAttempt(Delivery d, DeliveryAttempt attempt, DeliveryStatus status,
                                        Instant nextAttemptAt) {
        if (attempt == null) {
            return copy(d, d.seq(), status, d.attempts(), nextAttemptAt, null, d.attemptLog());
        }
        List<DeliveryAttempt> log = new ArrayList<>(d.attemptLog().size() + 1);
        log.addAll(d.attemptLog());
        log.add(attempt);
        return copy(d, d.seq(), status, d.attempts() + 1, nextAttemptAt, null, log);
    }

    private static Delivery copy(Delivery d, long seq, DeliveryStatus status, int attempts, Instant nextAttemptAt,
                                 Instant leaseUntil, List<DeliveryAttempt> log) {
        return new Delivery(d.id(), seq, d.subscriptionId(), d.tenantId(), d.eventId(), d.eventType(), d.position(),
                d.orderingKey(), status, attempts, nextAttemptAt, leaseUntil, d.replayId(), d.createdAt(), log);
    }

    /** What makes two deliveries the same for {@link #enqueue}. */
    private record Identity(UUID subscriptionId, UUID eventId, UUID replayId) {
        static Identity of(Delivery d) {
            return new Identity(d.subscriptionId(), d.eventId(), d.replayId());
        }
    }
}
