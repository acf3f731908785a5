package com.bizosaas.eventbus.internal;

import com.bizosaas.eventbus.DeliveryOutcome;
import com.bizosaas.eventbus.delivery.Delivery;
import com.bizosaas.eventbus.delivery.DeliveryAttempt;
import com.bizosaas.eventbus.delivery.DeliveryMode;
import com.bizosaas.eventbus.delivery.RetryPolicy;
import com.bizosaas.eventbus.delivery.Subscription;
import com.bizosaas.eventbus.delivery.SubscriptionStatus;
import com.bizosaas.eventbus.spi.DeliveryStore;
import com.bizosaas.eventbus.spi.SubscriptionStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records an attempt's outcome: done, retry later (backoff, or the receiver's Retry-After if
 * longer), or dead letter after the subscription's last attempt (or at once when the attempt
 * failed for good). A 410 answer disables the subscription and keeps the delivery waiting with the
 * others until it is resumed. Shared by push workers and pull acknowledgements. Thread-safe.
 */
final class DeliverySettler {
    private static final Logger LOG = LoggerFactory.getLogger(DeliverySettler.class);
    static final String DISABLED_BY_GONE = "the webhook answered 410 Gone";

    private final DeliveryStore deliveries;
    private final SubscriptionStore subscriptionStore;
    private final SubscriptionCache subscriptions;
    private final RetryPolicy retryPolicy;
    private final OutcomeRegistry outcomes;
    private final HeldKeys heldKeys;
    private final EngineCounters stats;
    private final Clock clock;
    private final CircuitBreakers circuits;

    DeliverySettler(EngineSettings settings, SubscriptionCache subscriptions, OutcomeRegistry outcomes,
                    HeldKeys heldKeys, EngineCounters stats, CircuitBreakers circuits) {
        this.circuits = circuits;
        this.deliveries = settings.deliveryStore();
        this.subscriptionStore = settings.subscriptionStore();
        this.subscriptions = subscriptions;
        this.retryPolicy = settings.retryPolicy();
        this.outcomes = outcomes;
        this.heldKeys = heldKeys;
        this.stats = stats;
        this.clock = settings.clock();
    }

    /** Settles with the retry policy's delay (or Retry-After) for a failure. */
    void settle(Delivery delivery, Subscription subscription, AttemptResult result) {
        settle(delivery, subscription, result, null);
    }

    /**
     * @param explicitDelay for failures: the delay the caller asked for (a pull nack), overriding the policy
     */
    void settle(Delivery delivery, Subscription subscription, AttemptResult result, Duration explicitDelay) {
        DeliveryAttempt attempt = attempt(result);
        Instant now = attempt.at();
        if (delivery.attempts() == 0) {
            reportFirstAttempt(delivery.eventId(), subscription, result, attempt.durationMs());
        }
        boolean webhook = subscription.mode() == DeliveryMode.WEBHOOK;
        if (result.success()) {
            if (webhook) {
                circuits.succeeded(subscription);
            }
            deliveries.markDelivered(delivery.id(), attempt);
            finished(delivery, result);
            return;
        }
        stats.recordFailed();
        if (result.gone()) {
            disable(subscription, now, DISABLED_BY_GONE);
            // Not the event's fault: it waits, first of its subject, for the subscription to be resumed.
            deliveries.reschedule(delivery.id(), attempt, now);
            return;
        }
        CircuitBreakers.Verdict verdict = webhook && !result.permanent()
                ? circuits.failed(subscription, result.error()) : CircuitBreakers.Verdict.NONE;
        if (verdict.disableReason() != null) {
            disable(subscription, now, verdict.disableReason());
            deliveries.reschedule(delivery.id(), attempt, now);
            return;
        }
        if (verdict.holdUntil() != null) {
            // The endpoint is down, not this event: it waits for the probe instead of using up its attempts.
            deliveries.reschedule(delivery.id(), attempt, verdict.holdUntil());
            return;
        }
        int attemptsSoFar = delivery.attempts() + 1;
        if (result.permanent() || attemptsSoFar >= subscription.maxAttempts()) {
            deliveries.markDead(delivery.id(), attempt);
            heldKeys.finished(delivery);
            stats.recordDeadLettered();
            LOG.info("Delivery {} of event {} to subscription {} is a dead letter after {} attempts: {}",
                    delivery.id(), delivery.eventId(), subscription.id(), attemptsSoFar, result.error());
            return;
        }
        deliveries.reschedule(delivery.id(), attempt, now.plus(delay(attemptsSoFar, result, explicitDelay)));
    }

    /** The attempt record of {@code result}, made now. */
    DeliveryAttempt attempt(AttemptResult result) {
        return new DeliveryAttempt(clock.instant(), result.statusCode(), result.error(),
                TimeUnit.NANOSECONDS.toMillis(result.durationNanos()));
    }

    /**
     * What follows a success the store has already recorded (a pull acknowledgement settles many
     * in one store call): outcome reports, held keys, statistics.
     */
    void settledElsewhere(Delivery delivery, Subscription subscription, AttemptResult success) {
        if (delivery.attempts() == 0) {
            reportFirstAttempt(delivery.eventId(), subscription, success,
                    TimeUnit.NANOSECONDS.toMillis(success.durationNanos()));
        }
        finished(delivery, success);
    }

    private void finished(Delivery delivery, AttemptResult success) {
        heldKeys.finished(delivery);
        stats.recordProcessed(success.durationNanos());
    }

    /**
     * Dead-letters a just-claimed delivery whose expired leases have used up the subscription's
     * attempts (a pull subscriber that never acknowledged, or a worker that died each time), rather
     * than handing it out once more. Returns whether it did.
     */
    boolean deadLetterIfExhausted(Delivery claimed, Subscription subscription) {
        if (claimed.attempts() < subscription.maxAttempts()) {
            return false;
        }
        deliveries.markDead(claimed.id(), null);
        heldKeys.finished(claimed);
        stats.recordDeadLettered();
        LOG.info("Delivery {} of event {} to subscription {} is a dead letter after {} attempts, the last of which "
                + "expired unsettled", claimed.id(), claimed.eventId(), subscription.id(), claimed.attempts());
        return true;
    }

    private void disable(Subscription subscription, Instant now, String reason) {
        boolean alreadyDisabled = subscriptions.get(subscription.id())
                .map(s -> s.status() == SubscriptionStatus.DISABLED).orElse(true);
        if (alreadyDisabled) {
            return; // by a concurrent attempt that got the 410 first, or unsubscribed meanwhile
        }
        LOG.warn("Subscription {} ({}): {}; disabling it until it is resumed", subscription.id(),
                subscription.webhookUrl(), reason);
        subscriptionStore.save(subscription.disabled(reason, now));
        subscriptions.refresh();
    }

    /** Records a successful first attempt of a delivery that was never stored ({@link DirectDeliveries}). */
    void settleUnstored(UUID eventId, Subscription subscription, AttemptResult success) {
        reportFirstAttempt(eventId, subscription, success, TimeUnit.NANOSECONDS.toMillis(success.durationNanos()));
        stats.recordProcessed(success.durationNanos());
    }

    private void reportFirstAttempt(UUID eventId, Subscription subscription, AttemptResult result, long durationMs) {
        outcomes.report(eventId, new DeliveryOutcome(subscription.id(), subscription.serviceName(),
                result.success(), result.statusCode(), result.error(), durationMs));
    }

    private Duration delay(int attemptsSoFar, AttemptResult result, Duration explicitDelay) {
        if (explicitDelay != null) {
            return explicitDelay;
        }
        Duration backoff = retryPolicy.delayAfter(attemptsSoFar);
        return result.retryAfter() != null && result.retryAfter().compareTo(backoff) > 0 ? result.retryAfter() : backoff;
    }
}
