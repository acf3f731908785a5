package com.bizosaas.eventbus.broker.redis;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.contract.Await;
import com.bizosaas.eventbus.contract.TestEvents;
import com.bizosaas.eventbus.delivery.CircuitState;
import com.bizosaas.eventbus.delivery.Subscription;
import com.bizosaas.eventbus.memory.InMemorySubscriptionStore;
import com.bizosaas.eventbus.spi.SubscriptionStore;
import com.bizosaas.eventbus.testing.RedisServerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker that stops answering without dying (a redis-server of the test's own, stopped with
 * SIGSTOP) holds up the outbox relay's republishing, and nothing else: the engine's store-side
 * periodic work (confirmation flushes, subscription refresh, retention, all on the
 * {@code eventbus-housekeeping} thread) keeps its pace. Subscription refresh is the one of them
 * that runs often enough to watch.
 */
class StalledBrokerHousekeepingIT {
    /** Longer than the test watches: the relay's publish stays unanswered the whole time. */
    private static final String REDIS_TIMEOUT_MS = "60000";

    @TempDir
    Path dir;

    @Test
    void subscriptionRefreshKeepsItsPaceWhileTheRelayWaitsOnAStalledBroker() throws Exception {
        try (RedisServerProcess server = RedisServerProcess.start(dir, "--appendonly", "no")) {
            CountingSubscriptionStore subscriptions = new CountingSubscriptionStore();
            EventBus bus = EventBus.builder()
                    .broker(RedisStreamsBroker.create(RedisConfig.fromEnv(Map.of(
                            RedisConfig.HOST, "127.0.0.1",
                            RedisConfig.PORT, String.valueOf(server.port()),
                            RedisConfig.TIMEOUT_MS, REDIS_TIMEOUT_MS))))
                    .subscriptionStore(subscriptions)
                    .outboxDelay(Duration.ofMillis(300))
                    .build().start();
            try {
                server.pause();
                UUID tenant = UUID.randomUUID();
                for (int i = 0; i < 3; i++) {
                    bus.publish(TestEvents.event(tenant).build());
                }

                Await.until(Duration.ofSeconds(20), () -> isInside("eventbus-outbox-relay", "relayUnconfirmed"),
                        "the outbox relay republishes the unconfirmed events and waits on the stalled broker");
                int refreshesBefore = subscriptions.lists.get();
                // Refreshed every 2 s: three more within 10 s, while the relay is still waiting.
                Await.until(Duration.ofSeconds(10), () -> subscriptions.lists.get() >= refreshesBefore + 3,
                        "subscriptions are refreshed while the broker is stalled");
                assertThat(isInside("eventbus-outbox-relay", "relayUnconfirmed"))
                        .as("the relay is still waiting on the stalled broker").isTrue();
                assertThat(isInside("eventbus-housekeeping", "OutboxRelay.relayUnconfirmed")).isFalse();
            } finally {
                server.resume();
                bus.close();
            }
        }
    }

    private static boolean isInside(String threadName, String method) {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().getName().equals(threadName))
                .anyMatch(e -> Arrays.stream(e.getValue()).anyMatch(f -> (f.getClassName() + "." + f.getMethodName())
                        .contains(method)));
    }

    /** The in-memory store, counting the full reads the engine's subscription refresh makes. */
    private static final class CountingSubscriptionStore implements SubscriptionStore {
        private final SubscriptionStore delegate = new InMemorySubscriptionStore();
        private final AtomicInteger lists = new AtomicInteger();

        @Override
        public Subscription save(Subscription subscription) {
            return delegate.save(subscription);
        }

        @Override
        public Optional<Subscription> find(UUID id) {
            return delegate.find(id);
        }

        @Override
        public List<Subscription> list() {
            lists.incrementAndGet();
            return delegate.list();
        }

        @Override
        public boolean delete(UUID id) {
            return delegate.delete(id);
        }

        @Override
        public void saveCircuit(CircuitState state) {
            delegate.saveCircuit(state);
        }

        @Override
        public List<CircuitState> circuits() {
            return delegate.circuits();
        }
    }
}
