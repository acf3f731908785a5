package com.bizosaas.eventbus.internal;

import com.bizosaas.eventbus.NotFoundException;
import com.bizosaas.eventbus.PullQueue;
import com.bizosaas.eventbus.PulledEvent;
import com.bizosaas.eventbus.ValidationException;
import com.bizosaas.eventbus.delivery.Delivery;
import com.bizosaas.eventbus.delivery.DeliveryMode;
import com.bizosaas.eventbus.delivery.DeliveryStatus;
import com.bizosaas.eventbus.delivery.Subscription;
import com.bizosaas.eventbus.delivery.SubscriptionStatus;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.spi.DeliveryStore;
import com.bizosaas.eventbus.spi.EventStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves pull subscriptions: long-polls leased deliveries, and settles acks and nacks. A pull
 * waits on a per-subscription signal that the dispatcher raises, so events arrive without
 * polling delay. Thread-safe.
 */
final class PullCoordinator {
    private static final Logger LOG = LoggerFactory.getLogger(PullCoordinator.class);
    public static final int MAX_EVENTS = 1000;
    public static final Duration MAX_WAIT = Duration.ofSeconds(30);
    private static final Duration RECHECK = Duration.ofMillis(500);

    private final DeliveryStore deliveries;
    private final EventStore events;
    private final SubscriptionCache subscriptions;
    private final DeliverySettler settler;
    private final Clock clock;
    private final Duration lease;
    private final Map<UUID, Signal> signals = new ConcurrentHashMap<>();
    /** Deliveries this process leased to pullers and not yet settled, with their lease end: what {@link #handBack} returns. */
    private final Map<UUID, Instant> leasedHere = new ConcurrentHashMap<>();
    private volatile boolean draining;

    private final RecentEvents recent;

    PullCoordinator(EngineSettings settings, SubscriptionCache subscriptions, DeliverySettler settler,
                    RecentEvents recent) {
        this.recent = recent;
        this.deliveries = settings.deliveryStore();
        this.events = settings.store();
        this.subscriptions = subscriptions;
        this.settler = settler;
        this.clock = settings.clock();
        this.lease = settings.pullLease();
    }

    void wake(UUID subscriptionId) {
        Signal signal = signals.get(subscriptionId);
        if (signal != null) {
            signal.raise();
        }
    }

    List<PulledEvent> pull(UUID subscriptionId, int max, Duration wait) throws InterruptedException {
        Subscription sub = pullSubscription(subscriptionId);
        if (max < 1 || max > MAX_EVENTS) {
            throw new ValidationException("max_events must be between 1 and " + MAX_EVENTS + "; got " + max, "max_events");
        }
        if (wait.isNegative() || wait.compareTo(MAX_WAIT) > 0) {
            throw new ValidationException("wait_ms must be between 0 and " + MAX_WAIT.toMillis() + "; got "
                    + wait.toMillis(), "wait_ms");
        }
        Signal signal = signals.computeIfAbsent(sub.id(), id -> new Signal());
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            if (draining) {
                return List.of();
            }
            // Re-read each round: a pause (or resume) must take effect for a waiting long-poll too.
            boolean active = subscriptions.get(sub.id()).map(s -> s.status() == SubscriptionStatus.ACTIVE).orElse(false);
            List<Delivery> claimed = active
                    ? deliveries.claim(List.of(sub.id()), clock.instant(), max, lease) : List.of();
            claimed = claimed.stream().filter(d -> !settler.deadLetterIfExhausted(d, sub)).toList();
            if (!claimed.isEmpty()) {
                return toPulled(claimed);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return List.of();
            }
            // Re-check now and then: retries come due, and other instances may have enqueued.
            signal.await(Duration.ofNanos(Math.min(left, RECHECK.toNanos())));
        }
    }

    private List<PulledEvent> toPulled(List<Delivery> claimed) {
        Map<UUID, Event> byId = recent.eventsOf(claimed, events);
        List<PulledEvent> result = new ArrayList<>(claimed.size());
        // A puller that vanished never settles its events; their entries go once the lease is over.
        Instant now = clock.instant();
        leasedHere.values().removeIf(leaseUntil -> leaseUntil.isBefore(now));
        for (Delivery d : claimed) {
            Event event = byId.get(d.eventId());
            if (event != null) {
                result.add(new PulledEvent(d.id().toString(), event, d.attempts() + 1, d.leaseUntil()));
                leasedHere.put(d.id(), d.leaseUntil());
            }
        }
        return result;
    }

    /** Settles every acknowledged delivery in one store call; a bad or unknown id changes nothing. */
    void ack(UUID subscriptionId, List<String> ackIds) {
        Subscription sub = pullSubscription(subscriptionId);
        List<UUID> ids = deliveryIds(ackIds);
        AttemptResult ok = AttemptResult.ok(0, 0);
        List<Delivery> acknowledged = deliveries.acknowledgeLeased(sub.id(), ids, settler.attempt(ok));
        Set<UUID> found = new HashSet<>();
        acknowledged.forEach(d -> found.add(d.id()));
        for (UUID id : ids) {
            if (!found.contains(id)) {
                throw notLeased(sub, id.toString());
            }
        }
        for (Delivery d : acknowledged) {
            settler.settledElsewhere(d, sub, ok);
            leasedHere.remove(d.id());
        }
    }

    void nack(UUID subscriptionId, List<String> ackIds, Duration delay, String error, boolean deadLetter) {
        if (error != null && error.length() > PullQueue.MAX_NACK_ERROR_LENGTH) {
            throw new ValidationException("error must be at most " + PullQueue.MAX_NACK_ERROR_LENGTH
                    + " characters; got " + error.length(), "error");
        }
        Subscription sub = pullSubscription(subscriptionId);
        String reason = error == null || error.isBlank() ? "nacked by subscriber" : "nacked by subscriber: " + error;
        AttemptResult result = deadLetter ? AttemptResult.failedForGood(reason, 0)
                : AttemptResult.failed(0, reason, null, false, 0);
        for (Delivery d : leased(sub, ackIds)) {
            settler.settle(d, sub, result, delay);
            leasedHere.remove(d.id());
        }
    }

    /** Long-polls waiting now return (within one recheck) with nothing, and so does every later pull. */
    void drain() {
        draining = true;
        signals.values().forEach(Signal::raise);
    }

    /**
     * Makes the events this process leased to pullers, and that are still leased, due again at
     * once with no attempt counted: a shutting-down instance gives them to the next puller instead
     * of leaving them until their lease expires. A puller acknowledging one later on another
     * instance still can while it is leased again; otherwise it is delivered twice (at least once).
     */
    void handBack() {
        Instant now = clock.instant();
        int count = 0;
        for (UUID id : leasedHere.keySet()) {
            if (deliveries.find(id).filter(d -> d.status() == DeliveryStatus.LEASED).isPresent()) {
                deliveries.reschedule(id, null, now);
                count++;
            }
        }
        leasedHere.clear();
        if (count > 0) {
            LOG.info("Handed back {} pulled event(s) not acknowledged at shutdown", count);
        }
    }

    /** Resolves every ack id before settling any, so a bad id changes nothing. */
    private List<Delivery> leased(Subscription sub, List<String> ackIds) {
        List<Delivery> result = new ArrayList<>(ackIds.size());
        for (UUID id : deliveryIds(ackIds)) {
            Delivery d = deliveries.find(id)
                    .filter(found -> found.subscriptionId().equals(sub.id()))
                    .filter(found -> found.status() == DeliveryStatus.LEASED)
                    .orElseThrow(() -> notLeased(sub, id.toString()));
            result.add(d);
        }
        return result;
    }

    private static List<UUID> deliveryIds(List<String> ackIds) {
        if (ackIds == null || ackIds.isEmpty()) {
            throw new ValidationException("ack_ids must be a non-empty list", "ack_ids");
        }
        List<UUID> ids = new ArrayList<>(ackIds.size());
        for (String ackId : ackIds) {
            try {
                ids.add(UUID.fromString(ackId));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new ValidationException("invalid_ack_id", "ack id is not a UUID: " + ackId, "ack_ids");
            }
        }
        return ids;
    }

    private static NotFoundException notLeased(Subscription sub, String ackId) {
        return new NotFoundException("no leased event with ack id " + ackId + " on subscription " + sub.id()
                + " (already acknowledged, or its lease expired)");
    }

    private Subscription pullSubscription(UUID id) {
        Subscription sub = subscriptions.get(id)
                .orElseThrow(() -> new NotFoundException("subscription " + id + " does not exist"));
        if (sub.mode() != DeliveryMode.PULL) {
            throw new ValidationException("not_a_pull_subscription", "subscription " + id + " delivers by "
                    + sub.mode().wireName() + ", not pull", "subscription_id");
        }
        return sub;
    }
}
