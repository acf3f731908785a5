package com.bizosaas.eventbus.broker.redis;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.testing.LossRecorder;
import com.bizosaas.eventbus.contract.Await;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 25 at the broker's edge: what Redis keeps is known and reported, trimming never drops an
 * entry the group has not acknowledged, and losses (a vanished group, a restarted Redis that kept
 * nothing) reach the subscriber's handler.
 */
class RedisLossIT {
    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String TOPIC = "loss-events";

    @TempDir
    Path dir;
    private RedisServerProcess server;
    private final List<RedisStreamsBroker> brokers = new ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        brokers.forEach(RedisStreamsBroker::close);
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aRedisWithoutPersistenceIsReportedNotDurableAndItsRestartIsReportedAsALoss() throws Exception {
        server = RedisServerProcess.start(dir, "--appendonly", "no");
        RedisStreamsBroker broker = broker(privateConfig(Map.of()));
        LossRecorder recorder = new LossRecorder();
        broker.subscribe(new ConsumerSpec(TOPIC, "dispatch", "#", 2, Duration.ofMillis(500)), recorder);

        assertThat(broker.health().details()).containsEntry("durable", false);
        assertThat((String) broker.health().details().get("persistence")).contains("keeps nothing on disk");
        assertThat(recorder.losses).isEmpty();

        server.kill();
        server.restart();

        Await.until(WAIT, () -> !recorder.losses.isEmpty(), "the restart of a Redis that kept nothing is reported");
    }

    @Test
    void onlyARedisThatSyncsEveryWriteCountsAsDurableUnlessTheOperatorSaysOtherwise() throws Exception {
        server = RedisServerProcess.start(dir, "--appendonly", "yes", "--appendfsync", "always");
        RedisStreamsBroker auto = broker(privateConfig(Map.of()));
        RedisStreamsBroker overridden = broker(privateConfig(Map.of(RedisConfig.DURABLE, "false")));
        LossRecorder recorder = new LossRecorder();
        auto.subscribe(new ConsumerSpec(TOPIC, "dispatch", "#", 1, Duration.ofMillis(500)), recorder);
        overridden.subscribe(new ConsumerSpec(TOPIC, "other", "#", 1, Duration.ofMillis(500)), m -> { });

        assertThat(auto.health().details()).containsEntry("durable", true);
        assertThat(overridden.health().details()).containsEntry("durable", false)
                .containsEntry("persistence", "EVENTBUS_REDIS_DURABLE=false");

        server.kill();
        server.restart();
        publish(auto, "after-restart");

        Await.until(WAIT, () -> recorder.handled.contains("after-restart"), "the member reads again after the restart");
        assertThat(recorder.losses).as("a durable Redis lost nothing").isEmpty();
    }

    @Test
    void aDestroyedGroupIsReportedAsALossAndRecreated() throws Exception {
        RedisStreamsBroker broker = broker(REDIS.config());
        LossRecorder recorder = new LossRecorder();
        broker.subscribe(new ConsumerSpec(TOPIC, "dispatch", "#", 1, Duration.ofMillis(500)), recorder);
        publish(broker, "before");
        Await.until(WAIT, () -> recorder.handled.contains("before"), "the first entry is handled");

        REDIS.client().xgroupDestroy(REDIS.streamKey(TOPIC), "dispatch");
        publish(broker, "after");

        Await.until(WAIT, () -> !recorder.losses.isEmpty(), "the vanished group is reported as a loss");
        Await.until(WAIT, () -> recorder.handled.contains("after"), "the recreated group reads on");
    }

    @Test
    void trimmingNeverDropsAnEntryTheGroupHasNotAcknowledged() throws Exception {
        RedisStreamsBroker broker = broker(REDIS.config(Map.of(RedisConfig.STREAM_MAXLEN, "200")));
        CountDownLatch stopped = new CountDownLatch(1);
        Set<String> handled = ConcurrentHashMap.newKeySet();
        broker.subscribe(new ConsumerSpec(TOPIC, "dispatch", "#", 4, Duration.ofSeconds(30)), m -> {
            stopped.await();
            handled.add(text(m.payload()));
        });
        List<String> published = new ArrayList<>();
        for (int batch = 0; batch < 60; batch++) {
            List<BrokerMessage> messages = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                String payload = "m-" + (batch * 100 + i);
                published.add(payload);
                messages.add(message(payload));
            }
            broker.publish(destination(), messages).get(10, TimeUnit.SECONDS);
        }
        Await.until(WAIT, () -> lag(broker) >= 6_000, "the stopped subscriber has all 6,000 entries to go");
        assertThat(REDIS.client().xlen(REDIS.streamKey(TOPIC))).isEqualTo(6_000);

        stopped.countDown();

        Await.until(WAIT, () -> handled.containsAll(published), "every entry reaches the subscriber");
        // Approximate trimming removes whole nodes of 100 entries: the acknowledged rest goes soon after.
        Await.until(WAIT, () -> REDIS.client().xlen(REDIS.streamKey(TOPIC)) <= 300, "acknowledged entries are trimmed");
        Await.until(WAIT, () -> lag(broker) == 0, "health reports no lag once everything is acknowledged");
    }

    @SuppressWarnings("unchecked")
    private static long lag(RedisStreamsBroker broker) {
        Map<String, Long> lag = (Map<String, Long>) broker.health().details().get("lag");
        return lag.getOrDefault("dispatch", 0L);
    }

    private RedisStreamsBroker broker(RedisConfig config) {
        RedisStreamsBroker broker = RedisStreamsBroker.create(config);
        brokers.add(broker);
        return broker;
    }

    private RedisConfig privateConfig(Map<String, String> overrides) {
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                RedisConfig.HOST, "127.0.0.1",
                RedisConfig.PORT, String.valueOf(server.port()),
                RedisConfig.TIMEOUT_MS, "1000"));
        env.putAll(overrides);
        return RedisConfig.fromEnv(env);
    }

    private static void publish(RedisStreamsBroker broker, String payload) throws Exception {
        broker.publish(destination(), List.of(message(payload))).get(10, TimeUnit.SECONDS);
    }

    private static Destination destination() {
        return new Destination(TOPIC, "tenant.test.event");
    }

    private static BrokerMessage message(String payload) {
        return new BrokerMessage("key-" + payload.hashCode() % 8, payload.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

}
