package com.bizosaas.eventbus.store.postgres;

import static com.bizosaas.eventbus.store.postgres.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.delivery.DeadLetterQuery;
import com.bizosaas.eventbus.delivery.Delivery;
import com.bizosaas.eventbus.delivery.DeliveryAttempt;
import com.bizosaas.eventbus.delivery.DeliveryStatus;
import com.bizosaas.eventbus.delivery.Subscription;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.EventQuery;
import com.bizosaas.eventbus.model.SortOrder;
import com.bizosaas.eventbus.spi.AppendResult;
import com.bizosaas.eventbus.spi.DeliveryStore;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Closing the database and starting it again keeps history, subscriptions, pending retries and dead letters. */
class RestartDurabilityIT {
    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    private final UUID tenant = UUID.randomUUID();
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);

    @Test
    void everything_stored_before_a_restart_is_there_after_it() {
        PostgresConfig config = POSTGRES.newSchema();
        List<AppendResult> appended;
        List<Event> stream;
        Subscription subscription = TestEvents.webhook(tenant, "lead.*");
        Delivery retry;
        Delivery dead;
        try (PostgresDatabase db = PostgresDatabase.start(config)) {
            appended = db.eventStore().append(List.of(event(tenant, "lead.created"), event(tenant, "lead.scored")));
            stream = db.eventStore().appendToStream(tenant, "order-7", 0, List.of(event(tenant, "order.placed")));
            db.subscriptionStore().save(subscription);
            DeliveryStore deliveries = db.deliveryStore();
            retry = Delivery.pending(subscription.id(), appended.get(0).event(), null, null, now);
            dead = Delivery.pending(subscription.id(), appended.get(1).event(), null, null, now);
            deliveries.enqueue(List.of(retry, dead));
            assertThat(deliveries.claim(List.of(subscription.id()), now, 10, Duration.ofSeconds(30))).hasSize(2);
            deliveries.reschedule(retry.id(), new DeliveryAttempt(now, 503, "unavailable", 12), now.plusSeconds(60));
            deliveries.markDead(dead.id(), new DeliveryAttempt(now, 500, "boom", 7));
        }

        try (PostgresDatabase db = PostgresDatabase.start(config)) {
            assertThat(db.eventStore().query(EventQuery.forTenant(tenant).order(SortOrder.OLDEST_FIRST).build())
                    .items()).containsExactly(appended.get(0).event(), appended.get(1).event(), stream.get(0));
            assertThat(db.eventStore().readStream(tenant, "order-7", 1)).containsExactlyElementsOf(stream);
            assertThat(db.eventStore().unpublished(Instant.now(), 10)).hasSize(3);
            assertThat(db.subscriptionStore().list()).containsExactly(subscription);

            Delivery pending = db.deliveryStore().find(retry.id()).orElseThrow();
            assertThat(pending.status()).isEqualTo(DeliveryStatus.PENDING);
            assertThat(pending.nextAttemptAt()).isEqualTo(now.plusSeconds(60));
            assertThat(pending.attemptLog()).containsExactly(new DeliveryAttempt(now, 503, "unavailable", 12));
            assertThat(db.deliveryStore().deadLetters(new DeadLetterQuery(tenant, null, null, 0, 10)).items())
                    .extracting(Delivery::id)
                    .containsExactly(dead.id());
        }
    }

    @Test
    void positions_continue_after_a_restart_instead_of_starting_again() {
        PostgresConfig config = POSTGRES.newSchema();
        long before;
        try (PostgresDatabase db = PostgresDatabase.start(config)) {
            before = db.eventStore().append(List.of(event(tenant, "lead.created"))).get(0).event().position();
        }
        try (PostgresDatabase db = PostgresDatabase.start(config)) {
            long after = db.eventStore().append(List.of(event(tenant, "lead.created"))).get(0).event().position();
            assertThat(after).isEqualTo(before + 1);
        }
    }
}
