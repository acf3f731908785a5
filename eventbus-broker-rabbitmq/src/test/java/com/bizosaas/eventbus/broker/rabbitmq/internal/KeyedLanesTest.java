package com.bizosaas.eventbus.broker.rabbitmq.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class KeyedLanesTest {

    @Test
    void tasksWithOneKeyRunInSubmissionOrder() throws Exception {
        Map<String, Queue<Integer>> runs = new ConcurrentHashMap<>();
        CountDownLatch done = new CountDownLatch(400);
        try (KeyedLanes lanes = new KeyedLanes(4, "test-lane")) {
            for (int i = 0; i < 100; i++) {
                for (String key : List.of("a", "b", "c", "d")) {
                    int n = i;
                    lanes.submit(key, () -> {
                        runs.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>()).add(n);
                        done.countDown();
                    });
                }
            }
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        }

        List<Integer> inOrder = IntStream.range(0, 100).boxed().toList();
        runs.forEach((key, order) -> assertThat(order).as("key " + key).containsExactlyElementsOf(inOrder));
    }

    @Test
    void aBlockedKeyDoesNotHoldUpAKeyOnAnotherLane() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch otherRan = new CountDownLatch(1);
        try (KeyedLanes lanes = new KeyedLanes(2, "test-lane")) {
            String blocked = "a";
            String other = keyOnOtherLane(blocked, 2);
            lanes.submit(blocked, () -> awaitQuietly(release));
            lanes.submit(other, otherRan::countDown);

            assertThat(otherRan.await(10, TimeUnit.SECONDS)).isTrue();
            release.countDown();
        }
    }

    @Test
    void closingInterruptsRunningTasksAndRejectsNewOnes() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        KeyedLanes lanes = new KeyedLanes(1, "test-lane");
        lanes.submit("k", () -> {
            started.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        lanes.close();

        assertThat(lanes.awaitTermination(10_000)).isTrue();
        assertThat(interrupted.getCount()).isZero();
    }

    private static String keyOnOtherLane(String key, int lanes) {
        int lane = Math.floorMod(key.hashCode(), lanes);
        return IntStream.range(0, 100).mapToObj(i -> "k" + i)
                .filter(k -> Math.floorMod(k.hashCode(), lanes) != lane).findFirst().orElseThrow();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
