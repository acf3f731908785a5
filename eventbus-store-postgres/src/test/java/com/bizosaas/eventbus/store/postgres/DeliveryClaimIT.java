package com.bizosaas.eventbus.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.bizosaas.eventbus.delivery.Delivery;
import com.bizosaas.eventbus.delivery.DeliveryStatus;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.spi.DeliveryStore;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Several instances share the delivery schedule: each due delivery goes to one claimer, and tenants share fairly. */
class DeliveryClaimIT {
    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    private static final Duration LEASE = Duration.ofMinutes(1);
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    private final UUID subscription = UUID.randomUUID();

    @Test
    void instances_claiming_at_the_same_time_never_get_the_same_delivery() {
        PostgresConfig config = POSTGRES.newSchema();
        ExecutorService claimers = Executors.newFixedThreadPool(4);
        try (PostgresDatabase one = PostgresDatabase.start(config);
             PostgresDatabase two = PostgresDatabase.start(config)) {
            UUID tenant = UUID.randomUUID();
            List<Delivery> due = new ArrayList<>();
            for (int i = 1; i <= 300; i++) {
                due.add(delivery(tenant, i, now.minusSeconds(1)));
            }
            one.deliveryStore().enqueue(due);

            ConcurrentLinkedQueue<UUID> claimed = new ConcurrentLinkedQueue<>();
            List<CompletableFuture<Void>> claiming = new ArrayList<>();
            for (DeliveryStore store : List.of(one.deliveryStore(), two.deliveryStore(), one.deliveryStore(),
                    two.deliveryStore())) {
                claiming.add(CompletableFuture.runAsync(() -> {
                    List<Delivery> batch;
                    do {
                        batch = store.claim(List.of(subscription), now, 7, LEASE);
                        batch.forEach(d -> claimed.add(d.id()));
                    } while (!batch.isEmpty());
                }, claimers));
            }
            CompletableFuture.allOf(claiming.toArray(CompletableFuture[]::new)).join();

            assertThat(claimed).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(due.stream().map(Delivery::id).toList());
            assertThat(one.deliveryStore().count(DeliveryStatus.LEASED)).isEqualTo(300);
        } finally {
            claimers.shutdownNow();
        }
    }

    @Test
    void a_tenant_with_a_large_backlog_does_not_starve_a_tenant_with_a_little_work() {
        try (PostgresDatabase db = PostgresDatabase.start(POSTGRES.newSchema())) {
            UUID flooding = UUID.randomUUID();
            UUID quiet = UUID.randomUUID();
            List<Delivery> work = new ArrayList<>();
            for (int i = 1; i <= 200; i++) {
                work.add(delivery(flooding, i, now.minusSeconds(3600)));
            }
            for (int i = 1; i <= 3; i++) {
                work.add(delivery(quiet, i, now.minusSeconds(1)));
            }
            db.deliveryStore().enqueue(work);

            Map<UUID, Long> claimedPerTenant = db.deliveryStore().claim(List.of(subscription), now, 10, LEASE).stream()
                    .collect(Collectors.groupingBy(Delivery::tenantId, Collectors.counting()));

            assertThat(claimedPerTenant).containsEntry(quiet, 3L).containsEntry(flooding, 7L);
        }
    }

    @Test
    void a_lease_that_expires_makes_the_delivery_claimable_again() {
        try (PostgresDatabase db = PostgresDatabase.start(POSTGRES.newSchema())) {
            Delivery d = delivery(UUID.randomUUID(), 1, now);
            db.deliveryStore().enqueue(List.of(d));
            assertThat(db.deliveryStore().claim(List.of(subscription), now, 10, LEASE)).hasSize(1);
            assertThat(db.deliveryStore().claim(List.of(subscription), now.plus(LEASE).minusMillis(1), 10, LEASE))
                    .isEmpty();

            assertThat(db.deliveryStore().claim(List.of(subscription), now.plus(LEASE), 10, LEASE))
                    .extracting(Delivery::id, Delivery::leaseUntil)
                    .containsExactly(tuple(d.id(), now.plus(LEASE).plus(LEASE)));
        }
    }

    private Delivery delivery(UUID tenant, long position, Instant due) {
        Event event = TestEvents.event(tenant, "lead.created").withPosition(position);
        return Delivery.pending(subscription, event, null, null, due);
    }
}
