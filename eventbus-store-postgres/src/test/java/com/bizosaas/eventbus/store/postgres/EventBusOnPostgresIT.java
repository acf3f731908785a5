package com.bizosaas.eventbus.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.contract.Await;
import com.bizosaas.eventbus.delivery.Subscription;
import com.bizosaas.eventbus.memory.InMemoryMessageBroker;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.EventQuery;
import com.bizosaas.eventbus.model.HealthStatus;
import com.bizosaas.eventbus.model.PublishReceipt;
import com.bizosaas.eventbus.spi.EventStore;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An embedding service wires the bus to the PostgreSQL stores and keeps its events across a restart. */
class EventBusOnPostgresIT {
    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    private final UUID tenant = UUID.randomUUID();

    @Test
    void an_embedded_bus_on_postgresql_delivers_confirms_and_keeps_its_history_across_a_restart() throws Exception {
        PostgresConfig config = POSTGRES.newSchema();
        List<Event> handled = new CopyOnWriteArrayList<>();
        PublishReceipt receipt;
        PostgresDatabase first = PostgresDatabase.start(config);
        EventStore firstStore = first.eventStore();
        try (EventBus bus = busOn(first)) {
            bus.on("lead.*", "crm-service", handled::add);

            receipt = bus.publish(Event.builder().type("lead.created").tenant(tenant).source("crm-service").build());

            Await.until("the in-process handler got the event", Duration.ofSeconds(30), () -> handled.size() == 1);
            Await.until("the dispatch empties the outbox", Duration.ofSeconds(30), () -> firstStore
                    .unpublished(Instant.now().plus(1, ChronoUnit.MINUTES), 1000).stream()
                    .noneMatch(e -> e.tenantId().equals(tenant)));
            assertThat(bus.health().get("event_store").status()).isEqualTo(HealthStatus.HEALTHY);
        }
        assertThat(firstStore.health().status()).as("closing the bus released the pool")
                .isEqualTo(HealthStatus.UNHEALTHY);

        try (EventBus bus = busOn(PostgresDatabase.start(config))) {
            assertThat(bus.history(EventQuery.forTenant(tenant).build()).items())
                    .extracting(Event::id, Event::position)
                    .containsExactly(tuple(receipt.eventId(), receipt.position()));
            assertThat(bus.subscriptions()).extracting(Subscription::serviceName).containsExactly("crm-service");
        }
    }

    private EventBus busOn(PostgresDatabase db) {
        return EventBus.builder()
                .store(db.eventStore())
                .subscriptionStore(db.subscriptionStore())
                .deliveryStore(db.deliveryStore())
                .broker(new InMemoryMessageBroker())
                .build()
                .start();
    }
}
