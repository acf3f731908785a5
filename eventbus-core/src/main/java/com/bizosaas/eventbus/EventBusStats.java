package com.bizosaas.eventbus;

import java.util.concurrent.atomic.LongAdder;

/**
 * Running counters of one bus instance: the engine records, metrics exporters read. Thread-safe;
 * counts only go up.
 */
public final class EventBusStats {
    private final LongAdder published = new LongAdder();
    private final LongAdder processed = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder deadLettered = new LongAdder();
    private final LongAdder processingNanos = new LongAdder();

    /** Events stored by publish (duplicates not counted). */
    public long eventsPublished() {
        return published.sum();
    }

    /** Successful deliveries. */
    public long eventsProcessed() {
        return processed.sum();
    }

    /** Failed delivery attempts (each retry that fails counts). */
    public long eventsFailed() {
        return failed.sum();
    }

    /** Deliveries that became dead letters. */
    public long deadLettered() {
        return deadLettered.sum();
    }

    /** Mean duration of successful deliveries, in milliseconds (0 before the first). */
    public double averageProcessingMillis() {
        long n = processed.sum();
        return n == 0 ? 0.0 : processingNanos.sum() / 1_000_000.0 / n;
    }

    /** Sum of successful delivery durations in seconds, for exporters that compute their own rates. */
    public double processingSecondsTotal() {
        return processingNanos.sum() / 1e9;
    }

    public void recordPublished(int count) {
        published.add(count);
    }

    public void recordProcessed(long nanos) {
        processed.increment();
        processingNanos.add(nanos);
    }

    public void recordFailed() {
        failed.increment();
    }

    public void recordDeadLettered() {
        deadLettered.increment();
    }
}
