package com.bizosaas.eventbus.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bizosaas.eventbus.ValidationException;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SubscriptionBuilderTest {

    @Test
    void startsFromTheBusDefaultsAndKeepsEverythingThroughToBuilder() {
        UUID tenant = UUID.randomUUID();
        Subscription webhook = Subscription.builder("lead.*", "crm", DeliveryMode.WEBHOOK)
                .tenant(tenant).webhookUrl("https://crm.example/hook").maxPerSecond(20).build();

        assertThat(webhook.id().version()).isEqualTo(7);
        assertThat(webhook.maxAttempts()).isEqualTo(3);
        assertThat(webhook.ordered()).isTrue();
        assertThat(webhook.status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(webhook.format()).isEqualTo(PayloadFormat.EVENTBUS);
        assertThat(webhook.toBuilder().build()).isEqualTo(webhook);

        Subscription disabled = webhook.disabled("410 Gone", Instant.EPOCH);
        assertThat(disabled.toBuilder().build()).isEqualTo(disabled);
        assertThat(disabled.withStatus(SubscriptionStatus.ACTIVE).disabledReason()).isNull();
    }

    @Test
    void buildValidatesAsTheConstructorDoes() {
        assertThatThrownBy(() -> Subscription.builder("lead.*", "crm", DeliveryMode.WEBHOOK).build())
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("webhook_url"));
        assertThatThrownBy(() -> Subscription.builder("lead.*", "crm", DeliveryMode.PULL).maxPerSecond(5).build())
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.field()).isEqualTo("max_per_second"));
    }
}
