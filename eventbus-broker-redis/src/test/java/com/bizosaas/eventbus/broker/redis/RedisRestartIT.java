package com.bizosaas.eventbus.broker.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bizosaas.eventbus.UnavailableException;
import com.bizosaas.eventbus.contract.Await;
import com.bizosaas.eventbus.model.HealthStatus;
import com.bizosaas.eventbus.spi.BrokerMessage;
import com.bizosaas.eventbus.spi.ConsumerSpec;
import com.bizosaas.eventbus.spi.Destination;
import com.bizosaas.eventbus.testing.RedisServerProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kills and restarts a redis-server of the test's own under a live publisher and subscriber. */
class RedisRestartIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TOPIC = "restart-events";

    @TempDir
    Path dir;
    private RedisServerProcess server;
    private RedisStreamsBroker broker;

    @AfterEach
    void stop() throws InterruptedException {
        if (broker != null) {
            broker.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void publishesFailClearlyWhileRedisIsDownAndTheSubscriberGetsEverythingPublishedAfterItCameBack()
            throws Exception {
        server = RedisServerProcess.start(dir, "--appendonly", "no");
        broker = RedisStreamsBroker.create(config());
        Set<String> handled = ConcurrentHashMap.newKeySet();
        broker.subscribe(new ConsumerSpec(TOPIC, "dispatch", "#", 2, Duration.ofMillis(500)),
                m -> handled.add(text(m.payload())));
        publish("before");
        Await.until(WAIT, () -> handled.contains("before"), "the message published before the crash is handled");

        server.kill();

        assertThatThrownBy(() -> broker.publish(destination(), List.of(message("while-down")))
                .get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(UnavailableException.class).hasMessageContaining("127.0.0.1:" + server.port());
        assertThat(broker.health().status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThatThrownBy(() -> broker.subscribe(ConsumerSpec.of(TOPIC, "late"), m -> { }))
                .isInstanceOf(UnavailableException.class);

        // Without persistence the restarted Redis has neither the stream nor the group.
        server.restart();
        List<String> after = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            after.add("after-" + i);
            publish("after-" + i);
        }

        Await.until(WAIT, () -> handled.containsAll(after), "every message published after the restart is handled");
        assertThat(handled).doesNotContain("while-down");
        assertThat(broker.health().status()).isEqualTo(HealthStatus.HEALTHY);
    }

    @Test
    void withEveryWriteFsyncedNoConfirmedPublishIsLostWhenRedisIsKilledMidStream() throws Exception {
        server = RedisServerProcess.start(dir, "--appendonly", "yes", "--appendfsync", "always");
        broker = RedisStreamsBroker.create(config());
        Set<String> handled = ConcurrentHashMap.newKeySet();
        broker.subscribe(new ConsumerSpec(TOPIC, "dispatch", "#", 4, Duration.ofMillis(500)),
                m -> handled.add(text(m.payload())));
        Set<String> confirmed = ConcurrentHashMap.newKeySet();
        AtomicInteger failed = new AtomicInteger();
        AtomicBoolean publishing = new AtomicBoolean(true);
        Thread publisher = new Thread(() -> publishUntilStopped(publishing, confirmed, failed), "test-publisher");
        publisher.start();

        Await.until(WAIT, () -> confirmed.size() >= 200, "200 publishes are confirmed");
        server.kill();
        Await.until(WAIT, () -> failed.get() > 0, "publishes fail while Redis is down");
        server.restart();
        int confirmedAtRestart = confirmed.size();
        Await.until(WAIT, () -> confirmed.size() >= confirmedAtRestart + 200, "200 more publishes are confirmed");
        publishing.set(false);
        publisher.join(WAIT.toMillis());

        Await.until(WAIT, () -> handled.containsAll(confirmed), "every confirmed message is handled");
    }

    private void publishUntilStopped(AtomicBoolean publishing, Set<String> confirmed, AtomicInteger failed) {
        for (int i = 0; publishing.get(); i++) {
            String payload = "m-" + i;
            try {
                broker.publish(destination(), List.of(message(payload))).get(10, TimeUnit.SECONDS);
                confirmed.add(payload);
            } catch (Exception e) {
                failed.incrementAndGet();
                pace();
            }
        }
    }

    /** Keeps the failing publisher from spinning while Redis is down. */
    private static void pace() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void publish(String payload) throws Exception {
        broker.publish(destination(), List.of(message(payload))).get(10, TimeUnit.SECONDS);
    }

    private RedisConfig config() {
        return RedisConfig.fromEnv(Map.of(
                RedisConfig.HOST, "127.0.0.1",
                RedisConfig.PORT, String.valueOf(server.port()),
                RedisConfig.TIMEOUT_MS, "1000"));
    }

    private static Destination destination() {
        return new Destination(TOPIC, "tenant.test.event");
    }

    private static BrokerMessage message(String payload) {
        return new BrokerMessage("key", payload.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
