package com.bizosaas.eventbus.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.contract.Await;
import com.bizosaas.eventbus.memory.InMemoryEventStore;
import com.bizosaas.eventbus.memory.InMemoryMessageBroker;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.PublishReceipt;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class OutboxRelayTest {

    @Test
    void eventsStoredWhileTheBrokerIsDownAreDispatchedOnceItIsBack() {
        SwitchableBroker broker = new SwitchableBroker(new InMemoryMessageBroker());
        UUID tenant = UUID.randomUUID();
        try (EventBus bus = EventBus.builder().broker(broker).outboxDelay(Duration.ofMillis(100)).build().start()) {
            List<Event> seen = new CopyOnWriteArrayList<>();
            bus.on("lead.*", "crm", seen::add);
            broker.down(true);

            List<UUID> acknowledged = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                PublishReceipt receipt = bus.publish(Event.builder().type("lead.created").tenant(tenant).build());
                acknowledged.add(receipt.eventId());
            }
            assertThat(bus.health().get(broker.healthName()).status().wireName()).isEqualTo("unhealthy");

            broker.down(false);

            Await.until(Duration.ofSeconds(15), () -> seen.size() >= 20, "every acknowledged event was handled");
            assertThat(seen).extracting(Event::id).containsExactlyInAnyOrderElementsOf(acknowledged);
        }
    }

    @Test
    void eventsANonDurableBrokerAcceptedButLostAreRepublishedUntilDispatched() {
        SwitchableBroker broker = new SwitchableBroker(new InMemoryMessageBroker());
        UUID tenant = UUID.randomUUID();
        try (EventBus bus = EventBus.builder().broker(broker).outboxDelay(Duration.ofMillis(100)).build().start()) {
            List<Event> seen = new CopyOnWriteArrayList<>();
            bus.on("lead.*", "crm", seen::add);
            broker.losing(true);

            List<UUID> acknowledged = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                acknowledged.add(bus.publish(Event.builder().type("lead.created").tenant(tenant).build()).eventId());
            }
            broker.losing(false);

            Await.until(Duration.ofSeconds(15), () -> seen.size() >= 20, "every acknowledged event was handled");
            assertThat(seen).extracting(Event::id).containsExactlyInAnyOrderElementsOf(acknowledged);
        }
    }

    @Test
    void eventsADurableBrokerConfirmedButLostStayInTheOutboxAndAreRepublishedWhenItReportsTheLoss() {
        SwitchableBroker broker = new SwitchableBroker(new InMemoryMessageBroker(), true);
        InMemoryEventStore store = new InMemoryEventStore();
        UUID tenant = UUID.randomUUID();
        try (EventBus bus = EventBus.builder().store(store).broker(broker).outboxDelay(Duration.ofMillis(100))
                .build().start()) {
            List<Event> seen = new CopyOnWriteArrayList<>();
            bus.on("lead.*", "crm", seen::add);
            broker.losing(true);
            List<UUID> acknowledged = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                acknowledged.add(bus.publish(Event.builder().type("lead.created").tenant(tenant).build()).eventId());
            }
            broker.losing(false);
            // Confirmed, so the relay leaves them alone: a lagging dispatcher is not flooded.
            Await.until(Duration.ofSeconds(15),
                    () -> store.unpublished(Instant.now().plusSeconds(60), 100).isEmpty(),
                    "the broker's confirmations are recorded");
            assertThat(bus.health().get("event_store").details()).containsEntry("undispatched", 20);

            broker.reportLoss("test");

            Await.until(Duration.ofSeconds(15), () -> seen.size() >= 20, "every acknowledged event was handled");
            assertThat(seen).extracting(Event::id).containsExactlyInAnyOrderElementsOf(acknowledged);
            Await.until(Duration.ofSeconds(15),
                    () -> Integer.valueOf(0).equals(bus.health().get("event_store").details().get("undispatched")),
                    "dispatched events leave the outbox");
        }
    }
}
