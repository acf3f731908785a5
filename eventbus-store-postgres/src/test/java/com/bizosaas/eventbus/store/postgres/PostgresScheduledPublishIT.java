package com.bizosaas.eventbus.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.contract.Await;
import com.bizosaas.eventbus.contract.ScheduledPublishContract;
import com.bizosaas.eventbus.contract.TestEvents;
import com.bizosaas.eventbus.delivery.Subscription;
import com.bizosaas.eventbus.memory.InMemoryMessageBroker;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Scheduled publish on the real PostgreSQL: the schedule lives in the outbox and survives a restart. */
class PostgresScheduledPublishIT extends ScheduledPublishContract {
    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    private PostgresConfig schema;

    @Override
    protected EventBus newBus() {
        schema = POSTGRES.migratedSchema();
        return busOn(schema);
    }

    /** A fresh process's bus: its own broker (in memory, so nothing survives there), the same database. */
    private static EventBus busOn(PostgresConfig config) {
        PostgresDatabase db = PostgresDatabase.start(config);
        return EventBus.builder()
                .store(db.eventStore())
                .subscriptionStore(db.subscriptionStore())
                .deliveryStore(db.deliveryStore())
                .broker(new InMemoryMessageBroker())
                .build()
                .start();
    }

    @Test
    void eventsFallingDueWhileNoInstanceRunsAreDispatchedAfterTheRestart() {
        Subscription sub = pullSubscription(bus, tenant, "audit");
        Instant due = Instant.now().plusMillis(1000);
        UUID first = bus.publish(TestEvents.event(tenant).deliverAt(due).build()).eventId();
        UUID second = bus.publish(TestEvents.event(tenant).deliverAt(due).build()).eventId();
        bus.close();
        Await.until(WAIT, () -> Instant.now().isAfter(due.plusMillis(500)), "the events fell due while stopped");

        bus = busOn(schema);

        Map<UUID, Instant> arrivals = pullUntil(bus, sub, 2);
        assertThat(List.copyOf(arrivals.keySet())).containsExactly(first, second);
    }
}
