package com.bizosaas.eventbus.delivery;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with "equal" jitter, capped: the delay before attempt {@code n+1} is a
 * random value in [delay/2, delay] where delay = min(max, initial * multiplier^(n-1)), so retries
 * spread out but never come sooner than half the computed delay. The one backoff of the bus: the
 * engine's delivery retries, the brokers' reconnects and the client SDK's retries all use it.
 * Immutable.
 */
public record RetryPolicy(Duration initialDelay, double multiplier, Duration maxDelay) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofSeconds(1), 4.0, Duration.ofMinutes(10));

    public RetryPolicy {
        if (initialDelay == null || initialDelay.isNegative() || initialDelay.isZero()) {
            throw new IllegalArgumentException("initialDelay must be positive; got " + initialDelay);
        }
        if (multiplier < 1.0) {
            throw new IllegalArgumentException("multiplier must be at least 1; got " + multiplier);
        }
        if (maxDelay == null || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("maxDelay must be at least initialDelay; got " + maxDelay);
        }
    }

    /** Delays that double from {@code initial} up to {@code max}. */
    public static RetryPolicy doubling(Duration initial, Duration max) {
        return new RetryPolicy(initial, 2.0, max);
    }

    /** Delay after the {@code failedAttempts}-th failed attempt (1-based; less counts as 1). */
    public Duration delayAfter(int failedAttempts) {
        return delayAfter(failedAttempts, ThreadLocalRandom.current().nextDouble());
    }

    /**
     * {@link #delayAfter(int)} with the jitter given: {@code random} in [0, 1] places the delay in
     * [delay/2, delay], so tests can pin it.
     */
    public Duration delayAfter(int failedAttempts, double random) {
        double raw = initialDelay.toMillis() * Math.pow(multiplier, Math.max(0, failedAttempts - 1));
        long capped = (long) Math.min(raw, maxDelay.toMillis());
        long half = capped / 2;
        return Duration.ofMillis(Math.max(1, half + (long) (random * (capped - half))));
    }
}
