package com.bizosaas.eventbus.benchmarks;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Collects latency samples (nanoseconds) into a fixed-size array and reports percentiles by sorting
 * them. Recording is thread-safe; {@link #summary()} is meant for after the run.
 */
final class Latencies {
    private final long[] samples;
    private final AtomicInteger count = new AtomicInteger();

    Latencies(int capacity) {
        samples = new long[capacity];
    }

    void record(long nanos) {
        int i = count.getAndIncrement();
        if (i < samples.length) {
            samples[i] = nanos;
        }
    }

    int count() {
        return Math.min(count.get(), samples.length);
    }

    /** {@code n=…, p50=… ms, p99=… ms, p99.9=… ms, max=… ms}. */
    String summary() {
        long[] sorted = Arrays.copyOf(samples, count());
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "n=%d, p50=%.2f ms, p99=%.2f ms, p99.9=%.2f ms, max=%.2f ms", sorted.length,
                millis(sorted, 0.50), millis(sorted, 0.99), millis(sorted, 0.999),
                sorted.length == 0 ? 0.0 : sorted[sorted.length - 1] / 1e6);
    }

    private static double millis(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return 0.0;
        }
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }

    /**
     * Calls {@code task} {@code total} times at {@code perSecond}, on a fixed schedule (a late call
     * does not push the later ones back, so a stall shows up as latency, not as a lower rate).
     */
    static void paced(int total, int perSecond, Runnable task) {
        long interval = 1_000_000_000L / perSecond;
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            task.run();
        }
    }

    /** Waits (bounded) until {@code done} reaches {@code target}; returns whether it did. */
    static boolean awaitCount(AtomicInteger done, int target, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (done.get() < target) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }
}
