package com.bizosaas.eventbus.internal;

import com.bizosaas.eventbus.EventBusStats;
import java.util.concurrent.atomic.LongAdder;

/**
 * The engine's side of {@link EventBusStats}: the parts of the engine that publish and settle
 * deliveries record here, and the bus hands this out as the read-only interface, so no caller
 * outside the engine can change a count. Thread-safe.
 */
final class EngineCounters implements EventBusStats {
    private final LongAdder published = new LongAdder();
    private final LongAdder processed = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder deadLettered = new LongAdder();
    private final LongAdder processingNanos = new LongAdder();

    @Override
    public long eventsPublished() {
        return published.sum();
    }

    @Override
    public long eventsProcessed() {
        return processed.sum();
    }

    @Override
    public long eventsFailed() {
        return failed.sum();
    }

    @Override
    public long deadLettered() {
        return deadLettered.sum();
    }

    @Override
    public double averageProcessingMillis() {
        long n = processed.sum();
        return n == 0 ? 0.0 : processingNanos.sum() / 1_000_000.0 / n;
    }

    @Override
    public double processingSecondsTotal() {
        return processingNanos.sum() / 1e9;
    }

    void recordPublished(int count) {
        published.add(count);
    }

    void recordProcessed(long nanos) {
        processed.increment();
        processingNanos.add(nanos);
    }

    void recordFailed() {
        failed.increment();
    }

    void recordDeadLettered() {
        deadLettered.increment();
    }
}
