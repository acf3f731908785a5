package com.bizosaas.eventbus.broker.rabbitmq.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed number of single-threaded lanes: tasks with equal keys run one after another in
 * submission order, tasks with different keys may run in parallel; keyless tasks take turns over
 * the lanes. Queues are unbounded (the consumer's prefetch bounds them). Thread-safe.
 */
final class KeyedLanes implements AutoCloseable {
    private final ExecutorService[] lanes;
    private final AtomicInteger nextKeyless = new AtomicInteger();

    KeyedLanes(int count, String threadName) {
        lanes = new ExecutorService[count];
        for (int i = 0; i < count; i++) {
            String name = threadName + "-" + i;
            lanes[i] = Executors.newSingleThreadExecutor(runnable -> {
                Thread thread = new Thread(runnable, name);
                thread.setDaemon(true);
                return thread;
            });
        }
    }

    void submit(String key, Runnable task) {
        int lane = key == null ? nextKeyless.getAndIncrement() : key.hashCode();
        lanes[Math.floorMod(lane, lanes.length)].execute(task);
    }

    /** Drops queued tasks and interrupts running ones; later submissions are rejected. */
    @Override
    public void close() {
        for (ExecutorService lane : lanes) {
            lane.shutdownNow();
        }
    }

    /** Waits up to {@code waitMillis} for running tasks to end after {@link #close()}. */
    boolean awaitTermination(long waitMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        for (ExecutorService lane : lanes) {
            if (!lane.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                return false;
            }
        }
        return true;
    }
}
