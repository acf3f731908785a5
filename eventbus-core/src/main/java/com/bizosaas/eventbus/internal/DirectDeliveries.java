package com.bizosaas.eventbus.internal;

import com.bizosaas.eventbus.EventHandler;
import com.bizosaas.eventbus.delivery.Delivery;
import com.bizosaas.eventbus.delivery.Subscription;
import com.bizosaas.eventbus.delivery.SubscriptionStatus;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.spi.DeliveryStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First attempts of in-process deliveries, made straight from dispatch, for a delivery store that
 * does not outlive the process. Storing a delivery there only to claim it back a moment later
 * protects nothing and costs several times the handler call, so a delivery is stored only when
 * it needs the store: its first attempt failed (retries and dead letters then work as usual), the
 * subscription is paused or has no handler in this JVM, or an earlier event of its ordering key
 * is still waiting in the store.
 *
 * <p>Each subscription has a few lanes, each drained by one pool thread at a time in arrival
 * order; events of one ordering key always use the same lane, so they are handled in order, and
 * a key with a stored (failed or held) delivery sends its later events to the store too, behind
 * it, until the store has finished them all. Thread-safe.
 */
final class DirectDeliveries {
    private static final Logger LOG = LoggerFactory.getLogger(DirectDeliveries.class);
    /** Events one lane handles before letting other lanes have the thread. */
    private static final int DRAIN_BATCH = 256;

    private final DeliveryStore deliveries;
    private final SubscriptionCache subscriptions;
    private final InProcessHandlers handlers;
    private final DeliverySettler settler;
    private final DeliveryWorker worker;
    private final Executor pool;
    private final int lanesPerSubscription;
    private final Duration lease;
    private final Clock clock;
    private final HeldKeys held;
    private final Map<UUID, Lane[]> lanes = new ConcurrentHashMap<>();

    DirectDeliveries(EngineSettings settings, SubscriptionCache subscriptions, InProcessHandlers handlers,
                     HeldKeys held, DeliverySettler settler, DeliveryWorker worker, Executor pool,
                     int lanesPerSubscription) {
        this.deliveries = settings.deliveryStore();
        this.subscriptions = subscriptions;
        this.handlers = handlers;
        this.held = held;
        this.settler = settler;
        this.worker = worker;
        this.pool = pool;
        this.lanesPerSubscription = lanesPerSubscription;
        this.lease = settings.deliveryLease();
        this.clock = settings.clock();
    }

    /** Queues the first attempt of {@code event} for an in-process subscription. */
    void submit(Subscription subscription, Event event, String orderingKey) {
        Lane[] own = lanes.computeIfAbsent(subscription.id(), id -> newLanes());
        // Unordered events stay on the dispatching thread's lane, so a burst fills one lane instead of waking all.
        int lane = orderingKey != null
                ? Math.floorMod(orderingKey.hashCode(), own.length)
                : (int) (Thread.currentThread().getId() % own.length);
        own[lane].add(new Attempt(subscription.id(), event, orderingKey));
    }

    /** Drops a deleted subscription's lanes and held keys; its queued attempts find it gone. */
    void forget(UUID subscriptionId) {
        lanes.remove(subscriptionId);
        held.forget(subscriptionId);
    }

    private Lane[] newLanes() {
        Lane[] result = new Lane[lanesPerSubscription];
        for (int i = 0; i < result.length; i++) {
            result[i] = new Lane();
        }
        return result;
    }

    private void attempt(Attempt a) {
        Subscription subscription = subscriptions.get(a.subscriptionId()).orElse(null);
        if (subscription == null) {
            return; // unsubscribed meanwhile
        }
        EventHandler handler = handlers.get(subscription.id()).orElse(null);
        if (handler == null || subscription.status() != SubscriptionStatus.ACTIVE
                || (a.orderingKey() != null && held.isHeld(subscription.id(), a.orderingKey()))) {
            store(subscription, a, null);
            return;
        }
        AttemptResult result = InProcessHandlers.invoke(handler, a.event());
        if (result.success()) {
            settler.settleUnstored(a.event().id(), subscription, result);
        } else {
            store(subscription, a, result);
        }
    }

    /**
     * Hands the delivery to the store. A failed first attempt is stored as if leased to us, so no
     * worker takes it before the settler has recorded the failure and scheduled the retry.
     */
    private void store(Subscription subscription, Attempt a, AttemptResult failure) {
        Instant now = clock.instant();
        Delivery delivery = Delivery.pending(subscription.id(), a.event(), a.orderingKey(), null, now);
        if (failure != null) {
            delivery = delivery.dueAt(now.plus(lease));
        }
        String key = a.orderingKey();
        if (key != null) {
            // Counted before it is stored, so a worker finishing it at once cannot count it off first.
            held.hold(subscription.id(), key);
        }
        if (deliveries.enqueue(List.of(delivery)) == 0) {
            // Already stored (a republished event): that delivery is the one the store will finish.
            if (key != null) {
                held.release(subscription.id(), key);
            }
            return;
        }
        if (failure != null) {
            settler.settle(delivery, subscription, failure);
        } else {
            worker.wake();
        }
    }

    private record Attempt(UUID subscriptionId, Event event, String orderingKey) {
    }

    /** A queue drained by at most one pool thread at a time. */
    private final class Lane implements Runnable {
        private final ConcurrentLinkedQueue<Attempt> queue = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean scheduled = new AtomicBoolean();

        void add(Attempt attempt) {
            queue.add(attempt);
            schedule();
        }

        private void schedule() {
            if (scheduled.compareAndSet(false, true)) {
                try {
                    pool.execute(this);
                } catch (RejectedExecutionException closing) {
                    // The bus is closing: deliveries held in memory end with it.
                    scheduled.set(false);
                }
            }
        }

        @Override
        public void run() {
            for (int i = 0; i < DRAIN_BATCH; i++) {
                Attempt next = queue.poll();
                if (next == null) {
                    break;
                }
                try {
                    attempt(next);
                } catch (RuntimeException e) {
                    // The lane must outlive any failure, or it would stay scheduled and never drain again.
                    LOG.error("Could not attempt or store the delivery of event {} to subscription {}; it is lost",
                            next.event().id(), next.subscriptionId(), e);
                }
            }
            scheduled.set(false);
            if (!queue.isEmpty()) {
                schedule();
            }
        }
    }
}
