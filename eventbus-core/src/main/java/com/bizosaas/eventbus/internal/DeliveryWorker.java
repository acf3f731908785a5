package com.bizosaas.eventbus.internal;

import com.bizosaas.eventbus.delivery.Delivery;
import com.bizosaas.eventbus.delivery.DeliveryMode;
import com.bizosaas.eventbus.delivery.Subscription;
import com.bizosaas.eventbus.logging.ThrottledLog;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.spi.DeliveryStore;
import com.bizosaas.eventbus.spi.EventStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims due push deliveries (webhook, and in-process ones this JVM has handlers for) and attempts
 * them, at most {@code deliveryConcurrency} at a time. Woken at once when the dispatcher enqueues
 * work and when an ordered delivery is settled (the next event of its key is then due); otherwise
 * polls for retries that have come due and for work left by dead instances. Leases are short and
 * renewed every third of their length while their attempt runs, so the work of an instance that
 * died is taken over within a lease, whatever the length of a live instance's attempts.
 */
final class DeliveryWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);
    private static final ThrottledLog THROTTLED = ThrottledLog.of(LOG);
    private static final Duration IDLE_POLL = Duration.ofMillis(200);
    private static final Duration ERROR_BACKOFF = Duration.ofSeconds(1);
    private static final int MAX_CLAIM = 256;

    private final DeliveryStore deliveries;
    private final EventStore events;
    private final SubscriptionCache subscriptions;
    private final InProcessHandlers handlers;
    private final WebhookSender webhooks;
    private final DeliverySettler settler;
    private final ExecutorService handlerPool;
    private final Clock clock;
    private final Duration lease;
    private final int concurrency;
    private final Semaphore inFlight;
    /**
     * Claimed deliveries whose attempt has not been settled yet: their leases are renewed, and
     * {@link #finish} hands them back.
     */
    private final Set<UUID> attempting = ConcurrentHashMap.newKeySet();
    /** Handed back at shutdown: their late outcome must not be recorded over the hand-back. */
    private final Set<UUID> handedBack = ConcurrentHashMap.newKeySet();
    private final Signal wake = new Signal();
    private final DeliveryRates rates = new DeliveryRates(this::wake);
    private final RecentEvents recent;
    private final CircuitBreakers circuits;
    private final Thread claimer;
    private final ScheduledExecutorService leaseRenewal;
    private volatile boolean running;

    DeliveryWorker(EngineSettings settings, SubscriptionCache subscriptions, InProcessHandlers handlers,
                   WebhookSender webhooks, DeliverySettler settler, ExecutorService handlerPool,
                   RecentEvents recent, CircuitBreakers circuits) {
        this.recent = recent;
        this.circuits = circuits;
        this.deliveries = settings.deliveryStore();
        this.events = settings.store();
        this.subscriptions = subscriptions;
        this.handlers = handlers;
        this.webhooks = webhooks;
        this.settler = settler;
        this.handlerPool = handlerPool;
        this.clock = settings.clock();
        this.lease = settings.deliveryLease();
        this.concurrency = settings.deliveryConcurrency();
        this.inFlight = new Semaphore(concurrency);
        this.claimer = new Thread(this::run, "eventbus-delivery");
        this.claimer.setDaemon(true);
        // Its own thread: a housekeeping task stuck on a slow store must not let leases lapse.
        this.leaseRenewal = Threads.scheduled("eventbus-lease-renewal");
    }

    void start() {
        running = true;
        claimer.start();
        long every = Math.max(1, lease.toMillis() / 3);
        leaseRenewal.scheduleWithFixedDelay(this::renewLeases, every, every, TimeUnit.MILLISECONDS);
    }

    private void renewLeases() {
        if (attempting.isEmpty()) {
            return;
        }
        try {
            deliveries.extendLeases(List.copyOf(attempting), clock.instant().plus(lease));
        } catch (RuntimeException e) {
            THROTTLED.warn("renew", "Could not renew the leases of {} deliveries being attempted; another instance may "
                    + "attempt them too once they expire: {}", attempting.size(), e.toString());
        }
    }

    void wake() {
        wake.raise();
    }

    private void run() {
        while (running) {
            try {
                if (claimAndAttempt() == 0) {
                    wake.await(IDLE_POLL);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                THROTTLED.warn("claim", "Delivery worker could not claim work; retrying in {}", ERROR_BACKOFF, e);
                sleepQuietly();
            }
        }
    }

    /** Claims one batch and starts its attempts; returns how many were claimed. */
    private int claimAndAttempt() throws InterruptedException {
        List<UUID> ids = new ArrayList<>(subscriptions.activeIds(DeliveryMode.WEBHOOK));
        ids.removeIf(rates::exhausted);
        List<UUID> probes = circuits.holdBack(ids);
        ids.addAll(handlers.servable(subscriptions.activeIds(DeliveryMode.IN_PROCESS)));
        if (ids.isEmpty() && probes.isEmpty()) {
            return 0;
        }
        // Wait for one free slot, then claim as many as are free, so claimed work never waits on leases.
        inFlight.acquire();
        int free = 1 + inFlight.drainPermits();
        List<Delivery> batch;
        try {
            batch = new ArrayList<>(ids.isEmpty() ? List.of()
                    : deliveries.claim(ids, clock.instant(), Math.min(free, MAX_CLAIM), lease));
            batch.addAll(circuits.claimProbes(probes, id -> deliveries.claim(List.of(id), clock.instant(), 1, lease)));
        } finally {
            inFlight.release(free);
        }
        if (batch.isEmpty()) {
            return 0;
        }
        batch.forEach(d -> attempting.add(d.id()));
        Map<UUID, Event> byId = recent.eventsOf(batch, events);
        for (Delivery d : batch) {
            inFlight.acquire();
            attempt(d, byId.get(d.eventId())).whenComplete((ignored, error) -> finished(d));
        }
        return batch.size();
    }

    /**
     * Frees the attempt's slot. An ordered delivery's settlement makes the next event of its key
     * claimable, so the claimer is woken for it instead of finding it at its next idle poll.
     */
    private void finished(Delivery delivery) {
        attempting.remove(delivery.id());
        inFlight.release();
        if (delivery.orderingKey() != null) {
            wake.raise();
        }
    }

    private CompletableFuture<Void> attempt(Delivery delivery, Event event) {
        Optional<Subscription> subscription = subscriptions.get(delivery.subscriptionId());
        if (subscription.isEmpty()) {
            // Unsubscribed between claim and attempt: its deliveries are being deleted.
            return CompletableFuture.completedFuture(null);
        }
        Subscription sub = subscription.get();
        CompletableFuture<AttemptResult> result;
        if (event == null) {
            result = CompletableFuture.completedFuture(
                    AttemptResult.failed(0, "event is no longer stored (retention)", null, false, 0));
        } else if (sub.mode() == DeliveryMode.WEBHOOK) {
            result = rates.acquire(sub).thenCompose(ready -> webhooks.send(sub, event, delivery));
        } else {
            result = CompletableFuture.supplyAsync(() -> invoke(sub, event), handlerPool);
        }
        return result.thenAccept(r -> {
                    if (!handedBack.contains(delivery.id())) {
                        settler.settle(delivery, sub, r);
                    }
                })
                .exceptionally(e -> {
                    THROTTLED.warn("settle",
                            "Could not record the outcome of delivery {}; its lease will expire and it will be retried",
                            delivery.id(), e);
                    return null;
                });
    }

    private AttemptResult invoke(Subscription sub, Event event) {
        return handlers.get(sub.id())
                .map(handler -> InProcessHandlers.invoke(handler, event))
                .orElseGet(() -> AttemptResult.failed(0, "no handler registered in this process", null, false, 0));
    }

    private void sleepQuietly() {
        try {
            wake.await(ERROR_BACKOFF);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops claiming, waits up to {@code timeout} for the attempts in flight to be settled, and
     * hands back the claimed deliveries not settled by then: pending again at once, with no
     * attempt counted, so another instance takes them now instead of when their lease expires.
     * The claimer is not interrupted, so no claim it has committed goes unrecorded.
     */
    void finish(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        running = false;
        wake.raise();
        claimer.join(Math.max(1, timeout.toMillis()));
        long left = Math.max(0, deadline - System.nanoTime());
        if (inFlight.tryAcquire(concurrency, left, TimeUnit.NANOSECONDS)) {
            inFlight.release(concurrency);
        }
        handedBack.addAll(attempting);
        for (UUID id : handedBack) {
            deliveries.reschedule(id, null, clock.instant());
        }
        if (!handedBack.isEmpty()) {
            LOG.info("Handed back {} claimed delivery(ies) not settled at shutdown", handedBack.size());
        }
    }

    @Override
    public void close() {
        running = false;
        leaseRenewal.shutdownNow();
        rates.close();
        claimer.interrupt();
        try {
            claimer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
