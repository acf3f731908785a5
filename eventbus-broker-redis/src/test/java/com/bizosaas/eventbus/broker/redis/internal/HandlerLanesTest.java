package com.bizosaas.eventbus.broker.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HandlerLanesTest {
    private final HandlerLanes lanes = new HandlerLanes("test-lane", 4, 8);

    @AfterEach
    void stop() {
        lanes.stop(Duration.ofSeconds(1));
    }

    @Test
    void workWithOneLaneKeyRunsInSubmissionOrder() throws InterruptedException {
        Map<Integer, Queue<Integer>> runs = new ConcurrentHashMap<>();
        CountDownLatch done = new CountDownLatch(400);
        for (int i = 0; i < 400; i++) {
            int key = i % 7;
            int sequence = i;
            lanes.submit(key, () -> {
                runs.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>()).add(sequence);
                done.countDown();
            });
        }

        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        runs.values().forEach(sequence -> assertThat(new ArrayList<>(sequence)).isSorted());
    }

    @Test
    void slotsRunOutUntilFinishedWorkReturnsThem() throws InterruptedException {
        assertThat(lanes.takeSlots(5, Duration.ofMillis(10))).isEqualTo(5);
        assertThat(lanes.takeFreeSlots(10)).isEqualTo(3);
        assertThat(lanes.takeSlots(1, Duration.ofMillis(10))).isZero();

        lanes.returnSlots(2);

        assertThat(lanes.takeFreeSlots(10)).isEqualTo(2);
    }

    @Test
    void stoppingInterruptsRunningWorkAndDropsQueuedWork() throws InterruptedException {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        List<String> ran = new ArrayList<>();
        lanes.submit(0, () -> {
            running.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        });
        lanes.submit(0, () -> ran.add("queued"));
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

        lanes.stop(Duration.ofSeconds(5));

        assertThat(interrupted.getCount()).isZero();
        assertThat(ran).isEmpty();
    }
}
