package com.bizosaas.eventbus.internal;

import com.bizosaas.eventbus.EventHandler;
import com.bizosaas.eventbus.delivery.Delivery;
import com.bizosaas.eventbus.delivery.Subscription;
import com.bizosaas.eventbus.delivery.SubscriptionStatus;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.ordering.KeyedExecutor;
import com.bizosaas.eventbus.spi.DeliveryStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
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
 * <p>Each subscription has its own {@link KeyedExecutor} on the shared delivery pool: events of
 * one ordering key are handled one at a time in arrival order, and a key with a stored (failed or
 * held) delivery sends its later events to the store too, behind it, until the store has finished
 * them all. Thread-safe.
 */
final class DirectDeliveries {
    private static final Logger LOG = LoggerFactory.getLogger(DirectDeliveries.class);
    /**
     * First attempts queued per subscription before dispatch waits: a bound on memory, far above
     * what a healthy handler leaves queued, that slows the broker's reader instead of growing.
     */
    private static final int QUEUED_PER_SUBSCRIPTION = 65_536;

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
    private final Map<UUID, KeyedExecutor> lanes = new ConcurrentHashMap<>();

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
        KeyedExecutor own = lanes.computeIfAbsent(subscription.id(), id -> newLanes());
        Attempt attempt = new Attempt(subscription.id(), event, orderingKey);
        try {
            own.execute(orderingKey, () -> attemptOrLog(attempt));
        } catch (RejectedExecutionException forgotten) {
            // Unsubscribed meanwhile: nothing to deliver to.
        } catch (InterruptedException e) {
            // The dispatching thread is stopping: the broker hands the message out again.
            Thread.currentThread().interrupt();
        }
    }

    /** Drops a deleted subscription's lanes and held keys; its queued attempts find it gone. */
    void forget(UUID subscriptionId) {
        KeyedExecutor removed = lanes.remove(subscriptionId);
        if (removed != null) {
            removed.shutdown();
        }
        held.forget(subscriptionId);
    }

    private KeyedExecutor newLanes() {
        // Unordered events stay on the dispatching thread's lane, so a burst fills one lane instead of waking all.
        return KeyedExecutor.onPool(pool, lanesPerSubscription, QUEUED_PER_SUBSCRIPTION,
                KeyedExecutor.Keyless.SUBMITTER_LANE);
    }

    private void attemptOrLog(Attempt attempt) {
        try {
            attempt(attempt);
        } catch (RuntimeException e) {
            LOG.error("Could not attempt or store the delivery of event {} to subscription {}; it is lost",
                    attempt.event().id(), attempt.subscriptionId(), e);
        }
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
}
