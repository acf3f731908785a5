package com.bizosaas.eventbus.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.delivery.DeliveryMode;
import com.bizosaas.eventbus.delivery.PayloadFormat;
import com.bizosaas.eventbus.delivery.Subscription;
import com.bizosaas.eventbus.delivery.SubscriptionStatus;
import com.bizosaas.eventbus.filtering.EventFilter;
import com.bizosaas.eventbus.model.WireJson;
import com.bizosaas.eventbus.spi.SubscriptionStore;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link SubscriptionStore} must show. Extend it once per implementation and
 * return a working store from {@link #newStore()}; it is called before each test and closed after
 * it. Tests only look at subscriptions they created (random ids), so a shared database is fine.
 */
public abstract class SubscriptionStoreContract {
    protected SubscriptionStore store;

    /** A working store; the suite closes it after each test. */
    protected abstract SubscriptionStore newStore();

    @BeforeEach
    void openStore() {
        store = newStore();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void aSavedSubscriptionIsFoundWithEveryField() {
        Subscription webhook = new Subscription(UUID.randomUUID(), UUID.randomUUID(), "lead.*", "crm-service",
                DeliveryMode.WEBHOOK, "https://crm.example.com/hooks/leads", "whsec_c2VjcmV0", 7,
                PayloadFormat.CLOUDEVENTS, true, SubscriptionStatus.PAUSED, TestEvents.now());
        Subscription platformPull = new Subscription(UUID.randomUUID(), null, "*", "ai-agents", DeliveryMode.PULL,
                null, null, 3, PayloadFormat.EVENTBUS, false, SubscriptionStatus.ACTIVE, TestEvents.now());

        assertThat(store.save(webhook)).isEqualTo(webhook);
        store.save(platformPull);

        assertThat(store.find(webhook.id())).contains(webhook);
        assertThat(store.find(platformPull.id())).contains(platformPull);
    }

    @Test
    void aSubscriptionKeepsItsContentFilterAndDeliveryRate() throws Exception {
        EventFilter filter = EventFilter.of(WireJson.reader().readTree("""
                {"data": {"score": [{"numeric": [">=", 70, "<", 99.5]}], "owner": {"team": [{"prefix": "sales"}]}},
                 "$or": [{"subject": [{"exists": true}]}, {"source_service": [{"anything-but": ["a", "b"]}]}]}"""));
        Subscription limited = new Subscription(UUID.randomUUID(), UUID.randomUUID(), "lead.*", "crm-service",
                DeliveryMode.WEBHOOK, "https://crm.example.com/hooks/leads", "whsec_c2VjcmV0", 7,
                PayloadFormat.EVENTBUS, true, SubscriptionStatus.ACTIVE, TestEvents.now(), null, null, filter, 20);

        store.save(limited);

        assertThat(store.find(limited.id())).contains(limited);
    }

    @Test
    void findingAnUnknownIdIsEmpty() {
        assertThat(store.find(UUID.randomUUID())).isEmpty();
    }

    @Test
    void listReturnsSubscriptionsOldestFirst() {
        Instant t0 = TestEvents.now().minusSeconds(60);
        Subscription oldest = subscription(t0);
        Subscription middle = subscription(t0.plusSeconds(1));
        Subscription newest = subscription(t0.plusSeconds(2));
        store.save(newest);
        store.save(oldest);
        store.save(middle);
        Set<UUID> mine = Set.of(oldest.id(), middle.id(), newest.id());

        List<UUID> listed = store.list().stream().map(Subscription::id).filter(mine::contains).toList();

        assertThat(listed).containsExactly(oldest.id(), middle.id(), newest.id());
    }

    @Test
    void savingTheSameIdReplacesTheSubscription() {
        Subscription original = subscription(TestEvents.now());
        store.save(original);
        Subscription replaced = new Subscription(original.id(), original.tenantId(), "campaign.launched",
                "campaign-service", DeliveryMode.IN_PROCESS, null, null, 10, PayloadFormat.EVENTBUS, true,
                SubscriptionStatus.DISABLED, original.createdAt());

        store.save(replaced);

        assertThat(store.find(original.id())).contains(replaced);
        assertThat(store.list()).filteredOn(s -> s.id().equals(original.id())).containsExactly(replaced);
    }

    @Test
    void aDisabledSubscriptionKeepsWhyAndWhenUntilItIsResumed() {
        Subscription original = store.save(subscription(TestEvents.now()));
        Subscription disabled = original.disabled("the webhook answered 410 Gone", TestEvents.now());

        store.save(disabled);

        assertThat(store.find(original.id())).contains(disabled);
        store.save(disabled.withStatus(SubscriptionStatus.ACTIVE));
        Subscription resumed = store.find(original.id()).orElseThrow();
        assertThat(resumed.status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(resumed.disabledReason()).isNull();
        assertThat(resumed.disabledAt()).isNull();
    }

    @Test
    void deleteRemovesTheSubscriptionAndSaysWhetherThereWasOne() {
        Subscription s = subscription(TestEvents.now());
        store.save(s);

        assertThat(store.delete(s.id())).isTrue();
        assertThat(store.find(s.id())).isEmpty();
        assertThat(store.list()).extracting(Subscription::id).doesNotContain(s.id());
        assertThat(store.delete(s.id())).isFalse();
    }

    private static Subscription subscription(Instant createdAt) {
        return new Subscription(UUID.randomUUID(), UUID.randomUUID(), "lead.created", "crm-service",
                DeliveryMode.WEBHOOK, "https://crm.example.com/hooks", "secret", 5, null, false, null, createdAt);
    }
}
