package com.bizosaas.eventbus.broker.redis.internal;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Runs handler work on {@code concurrency} single-threaded lanes. Work with the same lane key
 * always lands on the same lane, so it runs in submission order. A fixed number of slots bounds
 * the work read ahead of the handlers: the reader takes slots before it reads, each finished
 * piece of work gives its slot back. Thread-safe.
 */
final class HandlerLanes {
    private final ExecutorService[] lanes;
    private final Semaphore slots;

    HandlerLanes(String name, int concurrency, int capacity) {
        this.lanes = new ExecutorService[concurrency];
        for (int i = 0; i < concurrency; i++) {
            String threadName = name + "-" + i;
            lanes[i] = Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, threadName);
                thread.setDaemon(true);
                return thread;
            });
        }
        this.slots = new Semaphore(capacity);
    }

    /**
     * Takes between 1 and {@code max} free slots, waiting up to {@code wait} for the first one.
     *
     * @return the slots taken, 0 if none came free in time
     */
    int takeSlots(int max, Duration wait) throws InterruptedException {
        if (!slots.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
            return 0;
        }
        // Only the reader takes slots, so the ones available now stay available.
        int more = Math.min(max - 1, slots.availablePermits());
        return slots.tryAcquire(more) ? 1 + more : 1;
    }

    /** Takes up to {@code max} free slots without waiting. */
    int takeFreeSlots(int max) {
        int free = Math.min(max, slots.availablePermits());
        return free > 0 && slots.tryAcquire(free) ? free : 0;
    }

    void returnSlots(int count) {
        if (count > 0) {
            slots.release(count);
        }
    }

    /** Runs {@code work} on the lane of {@code laneKey}; the work must give its slot back when done. */
    void submit(int laneKey, Runnable work) {
        lanes[Math.floorMod(laneKey, lanes.length)].execute(work);
    }

    /** Drops queued work, interrupts running handlers and waits up to {@code wait} for them to return. */
    void stop(Duration wait) {
        for (ExecutorService lane : lanes) {
            lane.shutdownNow();
        }
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            for (ExecutorService lane : lanes) {
                lane.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
