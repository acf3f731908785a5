package com.bizosaas.eventbus.internal;

import com.bizosaas.eventbus.delivery.RetryPolicy;
import com.bizosaas.eventbus.routing.EventRouter;
import com.bizosaas.eventbus.spi.DeliveryStore;
import com.bizosaas.eventbus.spi.EventStore;
import com.bizosaas.eventbus.spi.MessageBroker;
import com.bizosaas.eventbus.spi.SubscriptionStore;
import java.time.Clock;
import java.time.Duration;

/** The validated parts and settings the builder hands to the engine. */
public record EngineSettings(
        EventStore store,
        MessageBroker broker,
        SubscriptionStore subscriptionStore,
        DeliveryStore deliveryStore,
        EventRouter router,
        RetryPolicy retryPolicy,
        int defaultMaxAttempts,
        Duration webhookTimeout,
        Duration pullLease,
        Duration deliveryLease,
        Duration outboxDelay,
        Duration eventTtl,
        int dispatchConcurrency,
        int deliveryConcurrency,
        Clock clock) {
}
