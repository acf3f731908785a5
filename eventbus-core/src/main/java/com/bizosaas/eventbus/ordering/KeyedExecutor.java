package com.bizosaas.eventbus.ordering;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs tasks in order per key: tasks with equal keys run one after another in submission order,
 * tasks with different keys may run in parallel. Keys hash onto a fixed number of lanes; each lane
 * is a queue drained by at most one thread at a time, so a slow key holds up only the keys sharing
 * its lane. Keyless tasks have no order to keep and take the lanes in turn (or, with
 * {@link Keyless#SUBMITTER_LANE}, the lane of the submitting thread, so that one thread's burst
 * fills one lane instead of waking them all).
 *
 * <p>Bounded: at most {@code capacity} tasks are queued or running. {@link #execute} waits for
 * room; a reader that must know its room before it reads (a broker fetch of N records)
 * {@link #reserve}s slots first and spends each on {@link #executeReserved}.
 *
 * <p>{@link #shutdown()} refuses new tasks and lets the queued ones finish ({@link
 * #awaitTermination} waits for them); {@link #shutdownNow()} drops queued tasks and interrupts
 * running ones, for a consumer whose broker hands unfinished work to someone else. Thread-safe.
 */
public final class KeyedExecutor implements AutoCloseable {
    /** How a task without a key picks its lane. */
    public enum Keyless {
        /** The lanes in turn: keyless work spreads over every lane. */
        ROUND_ROBIN,
        /** The submitting thread's lane: one thread's burst stays on one lane. */
        SUBMITTER_LANE
    }

    /** Tasks one lane runs before it lets other lanes have its thread. */
    private static final int DRAIN_BATCH = 256;

    private final Lane[] lanes;
    private final Executor threads;
    /** The pool this executor made itself, shut down with it; {@code null} for a shared pool. */
    private final ExecutorService ownPool;
    private final Keyless keyless;
    private final Semaphore room;
    private final AtomicInteger nextKeyless = new AtomicInteger();
    /** Tasks queued or running, to know when a shut-down executor has drained. */
    private final AtomicInteger unfinished = new AtomicInteger();
    private final Object drained = new Object();
    private volatile boolean shutdown;

    private KeyedExecutor(int laneCount, int capacity, Executor threads, ExecutorService ownPool, Keyless keyless) {
        if (laneCount < 1) {
            throw new IllegalArgumentException("lanes must be at least 1, got " + laneCount);
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.lanes = new Lane[laneCount];
        for (int i = 0; i < laneCount; i++) {
            lanes[i] = new Lane();
        }
        this.threads = threads;
        this.ownPool = ownPool;
        this.keyless = Objects.requireNonNull(keyless, "keyless");
        this.room = new Semaphore(capacity);
    }

    /**
     * An executor with {@code parallelism} daemon threads of its own, named
     * {@code <threadName>-<n>}, one lane per thread, and room for {@code capacity} tasks.
     */
    public static KeyedExecutor withThreads(String threadName, int parallelism, int capacity) {
        Objects.requireNonNull(threadName, "threadName");
        AtomicInteger count = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallelism), runnable -> {
            Thread thread = new Thread(runnable, threadName + "-" + count.getAndIncrement());
            thread.setDaemon(true);
            return thread;
        });
        return new KeyedExecutor(parallelism, capacity, pool, pool, Keyless.ROUND_ROBIN);
    }

    /**
     * An executor whose {@code laneCount} lanes run on a pool shared with others (it is not shut
     * down with this executor), with room for {@code capacity} tasks.
     */
    public static KeyedExecutor onPool(Executor pool, int laneCount, int capacity, Keyless keyless) {
        return new KeyedExecutor(laneCount, capacity, Objects.requireNonNull(pool, "pool"), null, keyless);
    }

    /**
     * Queues {@code task} behind the earlier tasks of {@code key} (may be {@code null}), waiting
     * for room while the executor is full.
     *
     * @throws RejectedExecutionException once the executor is shut down
     * @throws InterruptedException       if interrupted while waiting for room
     */
    public void execute(String key, Runnable task) throws InterruptedException {
        rejectIfShutdown();
        room.acquire();
        executeReserved(key, task);
    }

    /**
     * Takes between 1 and {@code max} free slots, waiting up to {@code wait} for the first one.
     *
     * @return the slots taken, 0 if none came free in time; spend each on {@link #executeReserved}
     *         or give it back with {@link #release}
     */
    public int reserve(int max, Duration wait) throws InterruptedException {
        if (max < 1 || !room.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS)) {
            return 0;
        }
        int more = Math.min(max - 1, room.availablePermits());
        return more > 0 && room.tryAcquire(more) ? 1 + more : 1;
    }

    /** Takes up to {@code max} free slots without waiting; 0 when none is free. */
    public int reserveFree(int max) {
        int free = Math.min(max, room.availablePermits());
        return free > 0 && room.tryAcquire(free) ? free : 0;
    }

    /** Gives back {@code slots} reserved and not spent. */
    public void release(int slots) {
        if (slots > 0) {
            room.release(slots);
        }
    }

    /**
     * Queues {@code task} on a slot the caller {@link #reserve}d; the slot comes free when the
     * task has run (or was dropped), and right away if the task is rejected.
     *
     * @throws RejectedExecutionException once the executor is shut down
     */
    public void executeReserved(String key, Runnable task) {
        Objects.requireNonNull(task, "task");
        if (shutdown) {
            room.release();
            throw new RejectedExecutionException("the keyed executor is shut down");
        }
        unfinished.incrementAndGet();
        lanes[laneOf(key)].add(task);
    }

    /** Refuses new tasks; queued and running ones still finish. */
    public void shutdown() {
        shutdown = true;
        if (ownPool != null && unfinished.get() == 0) {
            ownPool.shutdown();
        }
    }

    /** Refuses new tasks, drops the queued ones and interrupts the running ones. */
    public void shutdownNow() {
        shutdown = true;
        for (Lane lane : lanes) {
            lane.dropQueuedAndInterrupt();
        }
        if (ownPool != null) {
            ownPool.shutdownNow();
        }
    }

    /** After a shutdown, waits up to {@code wait} for every task to end; true if they all did. */
    public boolean awaitTermination(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (drained) {
            while (unfinished.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(drained, left);
            }
        }
        if (ownPool != null) {
            ownPool.shutdown();
            return ownPool.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        return true;
    }

    /** Shuts down and waits up to 5 s for queued tasks to finish. */
    @Override
    public void close() {
        shutdown();
        try {
            awaitTermination(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void rejectIfShutdown() {
        if (shutdown) {
            throw new RejectedExecutionException("the keyed executor is shut down");
        }
    }

    private int laneOf(String key) {
        if (key != null) {
            return Math.floorMod(key.hashCode(), lanes.length);
        }
        long turn = keyless == Keyless.ROUND_ROBIN ? nextKeyless.getAndIncrement() : Thread.currentThread().getId();
        return (int) Math.floorMod(turn, (long) lanes.length);
    }

    private void finished(int tasks) {
        room.release(tasks);
        if (unfinished.addAndGet(-tasks) == 0) {
            synchronized (drained) {
                drained.notifyAll();
            }
            if (shutdown && ownPool != null) {
                ownPool.shutdown();
            }
        }
    }

    /** One queue drained by at most one thread at a time. Guarded by its monitor. */
    private final class Lane implements Runnable {
        private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
        private boolean scheduled;
        private Thread runner;

        void add(Runnable task) {
            synchronized (this) {
                queue.add(task);
                if (scheduled) {
                    return;
                }
                scheduled = true;
            }
            schedule();
        }

        private void schedule() {
            try {
                threads.execute(this);
            } catch (RejectedExecutionException poolGone) {
                // The pool is shutting down (the engine is closing): what this lane held ends with it.
                finished(dropQueued());
            }
        }

        @Override
        public void run() {
            for (int i = 0; i < DRAIN_BATCH; i++) {
                Runnable next;
                synchronized (this) {
                    next = queue.poll();
                    if (next == null) {
                        scheduled = false;
                        return;
                    }
                    runner = Thread.currentThread();
                }
                try {
                    next.run();
                } catch (RuntimeException | Error e) {
                    // The lane must outlive its tasks' failures, or it would stay scheduled and never run again.
                    Thread thread = Thread.currentThread();
                    thread.getUncaughtExceptionHandler().uncaughtException(thread, e);
                } finally {
                    synchronized (this) {
                        runner = null;
                    }
                    Thread.interrupted(); // an interrupt meant for this task must not reach the next one
                    finished(1);
                }
            }
            // Let other lanes have the thread, then carry on.
            schedule();
        }

        synchronized int dropQueued() {
            int dropped = queue.size();
            queue.clear();
            scheduled = false;
            return dropped;
        }

        void dropQueuedAndInterrupt() {
            int dropped;
            synchronized (this) {
                dropped = queue.size();
                queue.clear();
                if (runner != null) {
                    runner.interrupt();
                }
            }
            if (dropped > 0) {
                finished(dropped);
            }
        }
    }
}
