package com.bizosaas.eventbus.internal;

import com.bizosaas.eventbus.delivery.Subscription;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Subscriptions' {@code max_per_second}: one token bucket per rate-limited subscription in this
 * process. A delivery over the rate waits for its token before its attempt starts, so it is
 * neither failed nor counted as an attempt. The burst is a tenth of a second's worth (at least
 * one), so a subscription gets little more than its rate in any second, even after an idle spell.
 * Thread-safe.
 */
final class DeliveryRates implements AutoCloseable {
    private static final CompletableFuture<Void> NOW = CompletableFuture.completedFuture(null);

    private final Map<UUID, Limit> limits = new ConcurrentHashMap<>();
    private final Runnable onTokens;
    private final ScheduledExecutorService waiting = Threads.scheduled("eventbus-delivery-rate");

    /** @param onTokens wakes the worker when an exhausted subscription has a token again */
    DeliveryRates(Runnable onTokens) {
        this.onTokens = onTokens;
    }

    /** Completes when {@code subscription} may send one more delivery; at once if it has no rate. */
    CompletableFuture<Void> acquire(Subscription subscription) {
        Integer perSecond = subscription.maxPerSecond();
        if (perSecond == null) {
            return NOW;
        }
        return limits.compute(subscription.id(), (id, limit) -> limit != null && limit.perSecond == perSecond
                        ? limit : new Limit(perSecond))
                .bucket.asScheduler().consume(1, waiting);
    }

    /**
     * True while {@code subscriptionId}'s tokens are used up: the worker does not claim more of its
     * deliveries then, so they do not take up attempt slots other subscriptions could use, and
     * is woken when the next token is due instead of at its idle poll.
     */
    boolean exhausted(UUID subscriptionId) {
        Limit limit = limits.get(subscriptionId);
        if (limit == null) {
            return false;
        }
        long nanos = limit.bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
        if (nanos <= 0) {
            return false;
        }
        if (limit.wakeScheduled.compareAndSet(false, true)) {
            waiting.schedule(() -> {
                limit.wakeScheduled.set(false);
                onTokens.run();
            }, nanos, TimeUnit.NANOSECONDS);
        }
        return true;
    }

    @Override
    public void close() {
        waiting.shutdownNow();
    }

    private static final class Limit {
        final int perSecond;
        final Bucket bucket;
        final AtomicBoolean wakeScheduled = new AtomicBoolean();

        Limit(int perSecond) {
            this.perSecond = perSecond;
            this.bucket = Bucket.builder()
                    .addLimit(l -> l.capacity(Math.max(1, perSecond / 10))
                            .refillGreedy(perSecond, Duration.ofSeconds(1)))
                    .build();
        }
    }
}
