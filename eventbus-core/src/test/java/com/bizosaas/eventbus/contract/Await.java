package com.bizosaas.eventbus.contract;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Bounded polling for asynchronous outcomes: tests wait on a condition, never on a guessed
 * sleep. Stateless and thread-safe.
 */
public final class Await {
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    /** Long enough for a loaded CI machine; a test that needs longer says so. */
    public static final Duration DEFAULT = Duration.ofSeconds(20);

    private Await() {
    }

    /** Returns as soon as {@code condition} holds; fails with {@code message} once {@code timeout} has passed. */
    public static void until(Duration timeout, BooleanSupplier condition, String message) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(message + " (waited " + timeout.toMillis() + " ms)");
            }
            LockSupport.parkNanos(POLL_NANOS);
            if (Thread.interrupted()) {
                throw new AssertionError(message + " (interrupted while waiting)");
            }
        }
    }

    /** {@link #until(String, Duration, BooleanSupplier)} with the {@link #DEFAULT} timeout. */
    public static void until(String what, BooleanSupplier condition) {
        until(what, DEFAULT, condition);
    }

    /** Returns as soon as {@code condition} holds; fails naming {@code what} once {@code timeout} has passed. */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        until(timeout, condition, "timed out waiting until " + what);
    }
}
