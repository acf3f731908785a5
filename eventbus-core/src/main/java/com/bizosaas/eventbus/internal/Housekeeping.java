package com.bizosaas.eventbus.internal;

import com.bizosaas.eventbus.UnavailableException;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's periodic work, on two threads. {@code eventbus-housekeeping} flushes confirmations,
 * refreshes subscriptions and applies retention; {@code eventbus-outbox-relay} republishes what
 * the broker never took. The relay waits on the broker, so it has its own thread: a broker that
 * fails slowly delays republishing, never the store-side work. Thread-safe.
 */
final class Housekeeping implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Housekeeping.class);
    /** How long an in-memory delivery store remembers finished deliveries at least. */
    private static final Duration MIN_FINISHED_KEPT = Duration.ofMinutes(1);
    /** Jobs that run on one instance of a deployment at a time (the holder of their {@code ClusterLeases} lease). */
    private static final String OUTBOX_RELAY_JOB = "outbox-relay";
    private static final String RETENTION_JOB = "event-retention";

    private final EngineSettings settings;
    private final OutboxRelay relay;
    private final SubscriptionCache subscriptions;
    private final CircuitBreakers circuits;
    private final boolean forgetsFinishedDeliveries;
    private final ScheduledExecutorService storeSide = Threads.scheduled("eventbus-housekeeping");
    private final ScheduledExecutorService relaying = Threads.scheduled("eventbus-outbox-relay");

    /**
     * @param forgetsFinishedDeliveries for a delivery store in memory, where memory is the limit,
     *                                  not the TTL; durable stores apply the TTL to finished
     *                                  deliveries in their own maintenance (PostgreSQL: hourly)
     */
    Housekeeping(EngineSettings settings, OutboxRelay relay, SubscriptionCache subscriptions,
                 CircuitBreakers circuits, boolean forgetsFinishedDeliveries) {
        this.settings = settings;
        this.relay = relay;
        this.subscriptions = subscriptions;
        this.circuits = circuits;
        this.forgetsFinishedDeliveries = forgetsFinishedDeliveries;
    }

    void start() {
        storeSide.scheduleWithFixedDelay(guarded("confirmations", relay::flushConfirmations), 100, 100,
                TimeUnit.MILLISECONDS);
        relaying.scheduleWithFixedDelay(guarded("outbox relay",
                () -> relay.relayUnconfirmed(settings.clusterLeases().holds(OUTBOX_RELAY_JOB))), 1, 1, TimeUnit.SECONDS);
        storeSide.scheduleWithFixedDelay(guarded("subscription refresh", subscriptions::refresh), 2, 2,
                TimeUnit.SECONDS);
        storeSide.scheduleWithFixedDelay(guarded("circuit refresh", circuits::refresh), 2, 2, TimeUnit.SECONDS);
        storeSide.scheduleWithFixedDelay(guarded("event retention", () -> {
            if (settings.clusterLeases().holds(RETENTION_JOB)) {
                applyRetention();
            }
        }), 1, 60, TimeUnit.MINUTES);
        if (forgetsFinishedDeliveries) {
            storeSide.scheduleWithFixedDelay(guarded("delivery retention", this::forgetFinishedDeliveries), 30, 30,
                    TimeUnit.SECONDS);
        }
    }

    /** Drops events older than the TTL; stores with time partitions drop whole partitions. */
    private void applyRetention() {
        long purged = settings.store().purgeBefore(settings.clock().instant().minus(settings.eventTtl()));
        if (purged != 0) {
            LOG.info("Retention removed {} event(s) older than {}", purged < 0 ? "some" : purged, settings.eventTtl());
        }
    }

    /**
     * A delivery store in memory would grow by every webhook delivery for the whole TTL. A
     * finished delivery only needs to be remembered while the same event may still be dispatched
     * again and must not be delivered twice: the outbox relay republishes events it has not seen
     * confirmed within the outbox delay, so a few of those delays are plenty.
     */
    private void forgetFinishedDeliveries() {
        Duration keep = Collections.max(List.of(settings.outboxDelay().multipliedBy(4), MIN_FINISHED_KEPT));
        settings.deliveryStore().purgeFinishedBefore(settings.clock().instant().minus(keep));
    }

    /** Stops both threads, records the confirmations still queued, and hands the cluster's jobs over at once. */
    @Override
    public void close() {
        relaying.shutdownNow();
        storeSide.shutdownNow();
        relay.flushAllConfirmations();
        try {
            settings.clusterLeases().close();
        } catch (RuntimeException e) {
            LOG.warn("Releasing the cluster-wide jobs failed; they move when this process's session ends", e);
        }
    }

    private static Runnable guarded(String task, Runnable body) {
        return () -> {
            try {
                body.run();
            } catch (UnavailableException e) {
                LOG.warn("{} skipped: {}", task, e.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("{} failed", task, e);
            }
        };
    }
}
