package com.bizosaas.eventbus.memory;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.contract.DeliveryStoreContract;
import com.bizosaas.eventbus.delivery.DeadLetterQuery;
import com.bizosaas.eventbus.delivery.Delivery;
import com.bizosaas.eventbus.delivery.DeliveryAttempt;
import com.bizosaas.eventbus.delivery.DeliveryStatus;
import com.bizosaas.eventbus.spi.DeliveryStore;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class InMemoryDeliveryStoreTest extends DeliveryStoreContract {
    private static final Duration LEASE = Duration.ofSeconds(30);

    @Override
    protected DeliveryStore newStore() {
        return new InMemoryDeliveryStore();
    }

    @Test
    void countIsExactForEveryStatus() {
        UUID sub = UUID.randomUUID();
        UUID tenant = UUID.randomUUID();
        List<Delivery> made = List.of(delivery(sub, tenant, 1, null, t0), delivery(sub, tenant, 2, null, t0),
                delivery(sub, tenant, 3, null, t0), delivery(sub, tenant, 4, null, t0));
        store.enqueue(made);
        store.claim(List.of(sub), t0, 3, LEASE);
        store.markDelivered(made.get(0).id(), attempt(200));
        store.markDead(made.get(1).id(), attempt(500));
        store.markDead(made.get(2).id(), attempt(500));
        store.discard(new DeadLetterQuery(null, sub, null, 0, 1));

        assertThat(store.count(DeliveryStatus.PENDING)).isEqualTo(1);
        assertThat(store.count(DeliveryStatus.LEASED)).isZero();
        assertThat(store.count(DeliveryStatus.DELIVERED)).isEqualTo(1);
        assertThat(store.count(DeliveryStatus.DEAD)).isEqualTo(1);
        assertThat(store.count(DeliveryStatus.DISCARDED)).isEqualTo(1);

        store.deleteForSubscription(sub);

        for (DeliveryStatus status : DeliveryStatus.values()) {
            assertThat(store.count(status)).as("%s after deleting the subscription", status).isZero();
        }
    }

    @Test
    void settlingAnUnknownOrFinishedDeliveryChangesNothing() {
        UUID sub = UUID.randomUUID();
        Delivery d = enqueueAndClaim(sub);
        store.markDelivered(d.id(), attempt(200));

        store.markDead(d.id(), attempt(500));
        store.reschedule(d.id(), attempt(500), t0);
        store.markDelivered(UUID.randomUUID(), attempt(200));

        Delivery found = store.find(d.id()).orElseThrow();
        assertThat(found.status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(found.attempts()).isEqualTo(1);
        assertThat(store.claim(List.of(sub), t0.plus(LEASE), 10, LEASE)).isEmpty();
    }

    private DeliveryAttempt attempt(int status) {
        return new DeliveryAttempt(t0, status, status >= 300 ? "failed" : null, 1);
    }
}
