package com.bizosaas.eventbus.server;

import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.ValidationException;
import com.bizosaas.eventbus.memory.InMemoryDeliveryStore;
import com.bizosaas.eventbus.memory.InMemoryEventStore;
import com.bizosaas.eventbus.memory.InMemoryMessageBroker;
import com.bizosaas.eventbus.memory.InMemorySubscriptionStore;
import java.util.Locale;

/**
 * Maps {@code EVENTBUS_STORE} and {@code EVENTBUS_BROKER_TYPE} to the adapters that back the bus
 * (the seed's broker factory function). A choice whose adapter is not part of this build is a
 * configuration error naming the variable. Stateless.
 */
public final class Components {
    private Components() {
    }

    /** A bus builder with the configured store (events, subscriptions, deliveries) and broker. */
    public static EventBus.Builder builder(ServerConfig config) {
        EventBus.Builder builder = EventBus.builder();
        switch (config.store()) {
            case MEMORY -> builder.store(new InMemoryEventStore())
                    .subscriptionStore(new InMemorySubscriptionStore())
                    .deliveryStore(new InMemoryDeliveryStore());
            case POSTGRES -> throw notInThisBuild("EVENTBUS_STORE", config.store());
        }
        switch (config.broker()) {
            case MEMORY -> builder.broker(new InMemoryMessageBroker());
            case REDIS, RABBITMQ, KAFKA -> throw notInThisBuild("EVENTBUS_BROKER_TYPE", config.broker());
        }
        return builder;
    }

    private static ValidationException notInThisBuild(String variable, Enum<?> choice) {
        String value = choice.name().toLowerCase(Locale.ROOT);
        return new ValidationException("invalid_configuration",
                variable + "=" + value + " is not available in this build", variable);
    }
}
