package com.bizosaas.eventbus.client.internal;

import com.bizosaas.eventbus.delivery.RetryPolicy;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * The client's retry delays: the bus's {@link RetryPolicy}, doubling from {@code initial} up to
 * {@code max} with equal jitter, so clients that failed together do not retry together, yet none
 * retries sooner than half the schedule. Holds the jitter's source so tests can pin it.
 * Immutable and thread-safe.
 */
final class Backoff {
    private final RetryPolicy policy;
    private final DoubleSupplier random;

    Backoff(Duration initial, Duration max, DoubleSupplier random) {
        this.policy = RetryPolicy.doubling(initial, max);
        this.random = random;
    }

    Backoff(Duration initial, Duration max) {
        this(initial, max, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** The delay after the {@code failures}-th consecutive failure (1 for the first). */
    Duration delay(int failures) {
        return policy.delayAfter(failures, random.getAsDouble());
    }
}
