package com.bizosaas.eventbus.internal;

import com.bizosaas.eventbus.delivery.CircuitPolicy;
import com.bizosaas.eventbus.delivery.RetryPolicy;
import com.bizosaas.eventbus.publishing.PublishStage;
import com.bizosaas.eventbus.delivery.WebhookTargets;
import com.bizosaas.eventbus.routing.EventRouter;
import com.bizosaas.eventbus.spi.ClusterLeases;
import com.bizosaas.eventbus.schema.SchemaRegistry;
import com.bizosaas.eventbus.spi.DeliveryStore;
import com.bizosaas.eventbus.spi.EventStore;
import com.bizosaas.eventbus.spi.MessageBroker;
import com.bizosaas.eventbus.spi.RateLimitBuckets;
import com.bizosaas.eventbus.spi.SnapshotStore;
import com.bizosaas.eventbus.spi.SubscriptionStore;
import com.bizosaas.eventbus.spi.TenantSettingsStore;
import com.bizosaas.eventbus.tenancy.RateLimit;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** The validated parts and settings the builder hands to the engine; {@code defaultRateLimit} null: none;
 * {@code publishStages}: the builder's own stages, run after the engine's; {@code store} reads in clear
 * (see {@code DecryptingEventStore}), {@code cipher} encrypts as the pipeline's last stage; {@code schemas}:
 * the registry published events are validated against. */
public record EngineSettings(
        EventStore store,
        MessageBroker broker,
        SubscriptionStore subscriptionStore,
        DeliveryStore deliveryStore,
        EventRouter router,
        RetryPolicy retryPolicy,
        int defaultMaxAttempts,
        Duration webhookTimeout,
        boolean webhookDenyPrivate,
        WebhookTargets.Resolver webhookResolver,
        Duration pullLease,
        Duration deliveryLease,
        Duration outboxDelay,
        Duration eventTtl,
        int dispatchConcurrency,
        int deliveryConcurrency,
        RateLimit defaultRateLimit,
        RateLimitBuckets rateLimitBuckets,
        List<PublishStage> publishStages,
        ClusterLeases clusterLeases,
        Clock clock,
        EventDataCipher cipher,
        TenantSettingsStore tenantSettings,
        SchemaRegistry schemas,
        SnapshotStore snapshotStore,
        CircuitPolicy circuitPolicy) {
}
