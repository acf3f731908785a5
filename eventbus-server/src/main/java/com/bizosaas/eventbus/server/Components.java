package com.bizosaas.eventbus.server;

import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.broker.kafka.KafkaBroker;
import com.bizosaas.eventbus.broker.kafka.KafkaConfig;
import com.bizosaas.eventbus.broker.rabbitmq.RabbitMqBroker;
import com.bizosaas.eventbus.broker.rabbitmq.RabbitMqConfig;
import com.bizosaas.eventbus.broker.redis.RedisConfig;
import com.bizosaas.eventbus.broker.redis.RedisRateLimitBuckets;
import com.bizosaas.eventbus.broker.redis.RedisStreamsBroker;
import com.bizosaas.eventbus.memory.InMemoryCoordinationStore;
import com.bizosaas.eventbus.memory.InMemoryDeliveryStore;
import com.bizosaas.eventbus.memory.InMemoryEventStore;
import com.bizosaas.eventbus.memory.InMemoryMessageBroker;
import com.bizosaas.eventbus.memory.InMemorySubscriptionStore;
import com.bizosaas.eventbus.routing.Namespace;
import com.bizosaas.eventbus.spi.CoordinationStore;
import com.bizosaas.eventbus.spi.MessageBroker;
import com.bizosaas.eventbus.store.postgres.PostgresConfig;
import com.bizosaas.eventbus.store.postgres.PostgresDatabase;

/**
 * Maps {@code EVENTBUS_STORE} and {@code EVENTBUS_BROKER_TYPE} to the adapters that back the bus
 * (the seed's broker factory function). Each adapter reads its own {@code EVENTBUS_*} settings.
 * With Redis configured, the tenants' rate-limit buckets live there, shared by every instance.
 * Stateless.
 */
public final class Components {
    private Components() {
    }

    /** A bus builder and the coordination store of the agent coordinator, on the same configured store. */
    public record Parts(EventBus.Builder builder, CoordinationStore coordination) {
    }

    /** A bus builder with the configured store (events, subscriptions, deliveries) and broker. */
    public static EventBus.Builder builder(ServerConfig config) {
        return assemble(config, false).builder();
    }

    /** {@link #builder} and, on the same store, the agent coordinator's; closing both closes the store. */
    public static Parts parts(ServerConfig config) {
        return assemble(config, true);
    }

    private static Parts assemble(ServerConfig config, boolean withCoordination) {
        // The brokers' configs read the same variable for their default prefixes.
        EventBus.Builder builder = EventBus.builder().namespace(Namespace.fromEnv(config.environment()));
        PostgresDatabase database = null;
        CoordinationStore coordination = null;
        switch (config.store()) {
            case MEMORY -> {
                builder.store(new InMemoryEventStore())
                        .subscriptionStore(new InMemorySubscriptionStore())
                        .deliveryStore(new InMemoryDeliveryStore());
                coordination = withCoordination ? new InMemoryCoordinationStore() : null;
            }
            case POSTGRES -> {
                database = PostgresDatabase.start(PostgresConfig.fromEnv(config.environment()));
                builder.store(database.eventStore())
                        .subscriptionStore(database.subscriptionStore())
                        .deliveryStore(database.deliveryStore());
                coordination = withCoordination ? database.coordinationStore() : null;
            }
        }
        try {
            builder.broker(broker(config));
            if (config.redisConfigured()) {
                builder.rateLimitBuckets(RedisRateLimitBuckets.create(RedisConfig.fromEnv(config.environment())));
            }
            return new Parts(builder, coordination);
        } catch (RuntimeException e) {
            if (database != null) {
                database.close();
            }
            throw e;
        }
    }

    private static MessageBroker broker(ServerConfig config) {
        return switch (config.broker()) {
            case MEMORY -> new InMemoryMessageBroker();
            case REDIS -> RedisStreamsBroker.create(RedisConfig.fromEnv(config.environment()));
            case RABBITMQ -> RabbitMqBroker.create(RabbitMqConfig.fromEnv(config.environment()));
            case KAFKA -> KafkaBroker.create(KafkaConfig.fromEnv(config.environment()));
        };
    }
}
