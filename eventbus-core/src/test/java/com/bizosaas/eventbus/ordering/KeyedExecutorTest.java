package com.bizosaas.eventbus.ordering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bizosaas.eventbus.contract.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KeyedExecutorTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private KeyedExecutor executor;

    @AfterEach
    void stop() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    @Test
    void tasksOfOneKeyRunOneAtATimeInSubmissionOrderWhateverTheirNumber() throws Exception {
        executor = KeyedExecutor.withThreads("test-keyed", 4, 64);
        Map<String, Queue<Integer>> seen = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
        AtomicBoolean overlapped = new AtomicBoolean();
        int perKey = 2_000;
        for (int i = 0; i < perKey; i++) {
            for (int k = 0; k < 10; k++) {
                String key = "key-" + k;
                int n = i;
                executor.execute(key, () -> {
                    if (running.computeIfAbsent(key, x -> new AtomicInteger()).incrementAndGet() > 1) {
                        overlapped.set(true);
                    }
                    seen.computeIfAbsent(key, x -> new ConcurrentLinkedQueue<>()).add(n);
                    running.get(key).decrementAndGet();
                });
            }
        }
        Await.until(WAIT, () -> seen.values().stream().mapToInt(Queue::size).sum() == 10 * perKey,
                "every task ran");
        List<Integer> inOrder = new ArrayList<>();
        for (int i = 0; i < perKey; i++) {
            inOrder.add(i);
        }
        seen.values().forEach(q -> assertThat(new ArrayList<>(q)).isEqualTo(inOrder));
        assertThat(overlapped).as("two tasks of one key ran at once").isFalse();
    }

    @Test
    void aBlockedKeyDoesNotHoldUpAKeyOnAnotherLane() throws Exception {
        executor = KeyedExecutor.withThreads("test-keyed", 2, 16);
        String blocked = keyOnLane(0, 2);
        String free = keyOnLane(1, 2);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch otherRan = new CountDownLatch(1);
        executor.execute(blocked, () -> await(release));
        executor.execute(free, otherRan::countDown);
        assertThat(otherRan.await(10, TimeUnit.SECONDS)).as("the other key ran while the first was blocked").isTrue();
        release.countDown();
    }

    @Test
    void keylessTasksSpreadOverTheLanesAndRunInParallel() throws Exception {
        executor = KeyedExecutor.withThreads("test-keyed", 3, 16);
        CountDownLatch allStarted = new CountDownLatch(3);
        CountDownLatch release = new CountDownLatch(1);
        for (int i = 0; i < 3; i++) {
            executor.execute(null, () -> {
                allStarted.countDown();
                await(release);
            });
        }
        assertThat(allStarted.await(10, TimeUnit.SECONDS)).as("three keyless tasks ran at once").isTrue();
        release.countDown();
    }

    @Test
    void aFullExecutorMakesTheSubmitterWaitForRoom() throws Exception {
        executor = KeyedExecutor.withThreads("test-keyed", 1, 2);
        CountDownLatch release = new CountDownLatch(1);
        executor.execute("k", () -> await(release));
        executor.execute("k", () -> { });
        assertThat(executor.reserve(1, Duration.ofMillis(50))).as("no room left").isZero();

        AtomicBoolean thirdQueued = new AtomicBoolean();
        Thread submitter = new Thread(() -> {
            try {
                executor.execute("k", () -> { });
                thirdQueued.set(true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        submitter.start();
        submitter.join(200);
        assertThat(thirdQueued).as("the third task waits while two are queued or running").isFalse();
        release.countDown();
        Await.until(WAIT, thirdQueued::get, "the third task is queued once room came free");
    }

    @Test
    void reservedSlotsAreSpentOnTasksAndComeBackWhenTheyEnd() throws Exception {
        executor = KeyedExecutor.withThreads("test-keyed", 2, 8);
        assertThat(executor.reserve(5, WAIT)).isEqualTo(5);
        assertThat(executor.reserve(5, WAIT)).as("only three left").isEqualTo(3);
        AtomicInteger ran = new AtomicInteger();
        for (int i = 0; i < 8; i++) {
            executor.executeReserved("k" + i, ran::incrementAndGet);
        }
        Await.until(WAIT, () -> ran.get() == 8, "every reserved task ran");
        Await.until(WAIT, () -> reserveAndRelease(8) == 8, "all eight slots are free again");
        assertThat(executor.reserveFree(3)).isEqualTo(3);
        assertThat(executor.reserveFree(10)).as("what is left").isEqualTo(5);
        assertThat(executor.reserveFree(1)).as("nothing left").isZero();
        executor.release(8);
    }

    @Test
    void shutdownRefusesNewTasksAndLetsQueuedOnesFinish() throws Exception {
        executor = KeyedExecutor.withThreads("test-keyed", 1, 100);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger ran = new AtomicInteger();
        executor.execute("k", () -> await(release));
        for (int i = 0; i < 50; i++) {
            executor.execute("k", ran::incrementAndGet);
        }
        executor.shutdown();
        assertThatThrownBy(() -> executor.execute("k", ran::incrementAndGet))
                .isInstanceOf(RejectedExecutionException.class);
        assertThat(executor.awaitTermination(Duration.ofMillis(100))).as("still blocked").isFalse();
        release.countDown();
        assertThat(executor.awaitTermination(WAIT)).isTrue();
        assertThat(ran).hasValue(50);
    }

    @Test
    void shutdownNowDropsQueuedTasksAndInterruptsTheRunningOne() throws Exception {
        executor = KeyedExecutor.withThreads("test-keyed", 1, 100);
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        AtomicInteger ran = new AtomicInteger();
        executor.execute("k", () -> {
            started.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
        });
        for (int i = 0; i < 10; i++) {
            executor.execute("k", ran::incrementAndGet);
        }
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        executor.shutdownNow();
        assertThat(executor.awaitTermination(WAIT)).isTrue();
        assertThat(interrupted).isTrue();
        assertThat(ran).hasValue(0);
    }

    @Test
    void onASharedPoolLanesTakeTurnsAndTheSubmittersLaneKeepsABurstTogether() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            executor = KeyedExecutor.onPool(pool, 4, 1_000, KeyedExecutor.Keyless.SUBMITTER_LANE);
            Queue<String> threads = new ConcurrentLinkedQueue<>();
            CountDownLatch done = new CountDownLatch(100);
            AtomicInteger concurrent = new AtomicInteger();
            AtomicBoolean overlapped = new AtomicBoolean();
            for (int i = 0; i < 100; i++) {
                executor.execute(null, () -> {
                    if (concurrent.incrementAndGet() > 1) {
                        overlapped.set(true);
                    }
                    threads.add(Thread.currentThread().getName());
                    concurrent.decrementAndGet();
                    done.countDown();
                });
            }
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(overlapped).as("one submitter's keyless burst stays on one lane").isFalse();
            executor.shutdown();
            assertThat(executor.awaitTermination(WAIT)).isTrue();
            assertThat(pool.isShutdown()).as("a shared pool is not the executor's to stop").isFalse();
        } finally {
            pool.shutdownNow();
        }
    }

    private int reserveAndRelease(int max) {
        try {
            int got = executor.reserve(max, Duration.ZERO);
            executor.release(got);
            return got;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** A key that lands on {@code lane} of {@code lanes}, found by trying names. */
    private static String keyOnLane(int lane, int lanes) {
        for (int i = 0; ; i++) {
            String key = "key-" + i;
            if (Math.floorMod(key.hashCode(), lanes) == lane) {
                return key;
            }
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
