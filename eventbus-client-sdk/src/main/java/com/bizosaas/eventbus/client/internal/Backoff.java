package com.bizosaas.eventbus.client.internal;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with "equal jitter": the n-th delay is between half and all of
 * {@code min(max, initial * 2^(n-1))}, so clients that failed together do not retry together,
 * yet none retries sooner than half the schedule. Immutable and thread-safe.
 */
final class Backoff {
    private final Duration initial;
    private final Duration max;
    private final DoubleSupplier random;

    Backoff(Duration initial, Duration max, DoubleSupplier random) {
        this.initial = initial;
        this.max = max;
        this.random = random;
    }

    Backoff(Duration initial, Duration max) {
        this(initial, max, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** The delay after the {@code failures}-th consecutive failure (1 for the first). */
    Duration delay(int failures) {
        long initialMillis = initial.toMillis();
        long maxMillis = max.toMillis();
        int doublings = Math.min(Math.max(failures, 1) - 1, 62);
        long capped = doublings >= Long.numberOfLeadingZeros(Math.max(initialMillis, 1)) - 1
                ? maxMillis
                : Math.min(maxMillis, initialMillis << doublings);
        long half = capped / 2;
        return Duration.ofMillis(half + (long) (random.getAsDouble() * (capped - half)));
    }
}
