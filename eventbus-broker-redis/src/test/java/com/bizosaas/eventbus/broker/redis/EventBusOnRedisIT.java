package com.bizosaas.eventbus.broker.redis;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.contract.Await;
import com.bizosaas.eventbus.contract.TestEvents;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.HealthStatus;
import com.bizosaas.eventbus.model.PublishReceipt;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The engine wired to the Redis broker, as the server does for {@code EVENTBUS_BROKER_TYPE=redis}. */
class EventBusOnRedisIT {
    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();

    private final EventBus bus = EventBus.builder()
            .broker(RedisStreamsBroker.create(REDIS.config()))
            .topic("events-" + UUID.randomUUID())
            .build().start();

    @AfterEach
    void stop() {
        bus.close();
    }

    @Test
    void publishedEventsReachAnInProcessHandlerThroughRedis() {
        Set<UUID> seen = ConcurrentHashMap.newKeySet();
        bus.on(TestEvents.TYPE, "crm", event -> seen.add(event.id()));
        UUID tenant = TestEvents.newTenant();
        List<Event> events = IntStream.range(0, 20)
                .mapToObj(i -> TestEvents.event(tenant).id(null).subject("order-" + i % 3).build()).toList();

        List<UUID> published = bus.publishAll(events).stream().map(PublishReceipt::eventId).toList();

        Await.until(Duration.ofSeconds(30), () -> seen.containsAll(published),
                "every published event should reach the handler");
        assertThat(seen).hasSize(20);
    }

    @Test
    void theBusReportsRedisHealthUnderItsSeedName() {
        assertThat(bus.health()).containsKey("redis");
        assertThat(bus.health().get("redis").status()).isEqualTo(HealthStatus.HEALTHY);
    }
}
