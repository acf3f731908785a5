package com.bizosaas.eventbus.broker.redis.internal;

import java.time.Duration;

/** Exponential retry delays, doubling from {@code initial} up to {@code max}. Not thread-safe: one per loop. */
final class Backoff {
    private final long initialMillis;
    private final long maxMillis;
    private long nextMillis;

    Backoff(Duration initial, Duration max) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 < initial <= max; got " + initial + " and " + max);
        }
        this.initialMillis = initial.toMillis();
        this.maxMillis = max.toMillis();
        this.nextMillis = initialMillis;
    }

    /** The delay to wait now; each call doubles the next one until the cap. */
    long nextDelayMillis() {
        long delay = nextMillis;
        nextMillis = Math.min(maxMillis, nextMillis * 2);
        return delay;
    }

    /** After a success the next failure starts from the initial delay again. */
    void reset() {
        nextMillis = initialMillis;
    }
}
