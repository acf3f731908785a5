package com.bizosaas.eventbus.delivery;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with "equal" jitter, capped: the delay before attempt {@code n+1} is a
 * random value in [delay/2, delay] where delay = min(max, initial * multiplier^(n-1)), so retries
 * spread out but never come sooner than half the computed delay. Immutable.
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

    /** Delay after the {@code failedAttempts}-th failed attempt (1-based). */
    public Duration delayAfter(int failedAttempts) {
        double raw = initialDelay.toMillis() * Math.pow(multiplier, Math.max(0, failedAttempts - 1));
        long capped = (long) Math.min(raw, maxDelay.toMillis());
        long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        return Duration.ofMillis(Math.max(1, jittered));
    }
}
