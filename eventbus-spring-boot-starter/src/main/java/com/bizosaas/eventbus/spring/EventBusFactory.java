package com.bizosaas.eventbus.spring;

import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.broker.kafka.KafkaBroker;
import com.bizosaas.eventbus.broker.kafka.KafkaConfig;
import com.bizosaas.eventbus.broker.rabbitmq.RabbitMqBroker;
import com.bizosaas.eventbus.broker.rabbitmq.RabbitMqConfig;
import com.bizosaas.eventbus.broker.redis.RedisConfig;
import com.bizosaas.eventbus.broker.redis.RedisStreamsBroker;
import com.bizosaas.eventbus.memory.InMemoryMessageBroker;
import com.bizosaas.eventbus.spi.MessageBroker;
import com.bizosaas.eventbus.store.postgres.PostgresConfig;
import com.bizosaas.eventbus.store.postgres.PostgresDatabase;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.util.ClassUtils;

/**
 * Builds the bus the {@code eventbus.*} properties describe, as the server's {@code Components}
 * does from {@code EVENTBUS_*} variables: the adapters' own config classes read their settings.
 * An adapter's classes are touched only when the properties select it, so an application carries
 * only the adapter modules it uses. One per bus; not thread-safe.
 */
final class EventBusFactory {
    private final EventBusProperties properties;
    private final Map<String, String> propertyByVariable = new HashMap<>();
    private final Map<String, String> variables;

    EventBusFactory(EventBusProperties properties) {
        this.properties = properties;
        this.variables = properties.variables(propertyByVariable);
    }

    /** The bus, not started; {@code applicationDataSource} may be {@code null}. */
    EventBus create(DataSource applicationDataSource) {
        EventBus.Builder builder = EventBus.builder();
        setting("eventbus.max-retry-attempts", () -> builder.defaultMaxAttempts(properties.getMaxRetryAttempts()));
        setting("eventbus.event-ttl-days", () -> builder.eventTtl(Duration.ofDays(properties.getEventTtlDays())));
        setting("eventbus.webhook-timeout-ms",
                () -> builder.webhookTimeout(Duration.ofMillis(properties.getWebhookTimeoutMs())));
        setting("eventbus.pull-lease-ms", () -> builder.pullLease(Duration.ofMillis(properties.getPullLeaseMs())));
        PostgresDatabase database = null;
        if (properties.getStore() == EventBusProperties.Store.POSTGRES) {
            requireModule("eventbus.store=postgres", "com.bizosaas.eventbus.store.postgres.PostgresDatabase",
                    "eventbus-store-postgres");
            database = postgres(properties.isUseApplicationDataSource() ? applicationDataSource : null);
            builder.store(database.eventStore()).subscriptionStore(database.subscriptionStore())
                    .deliveryStore(database.deliveryStore())
                    .clusterLeases(database.clusterLeases())
                    .schemaStore(database.schemaStore()).snapshotStore(database.snapshotStore());
        }
        try {
            return builder.broker(broker()).build();
        } catch (RuntimeException e) {
            if (database != null) {
                database.close();
            }
            throw e;
        }
    }

    private PostgresDatabase postgres(DataSource dataSource) {
        PostgresConfig config = adapterConfig(() -> PostgresConfig.fromEnv(variables));
        return dataSource == null ? PostgresDatabase.start(config) : PostgresDatabase.start(config, dataSource);
    }

    private MessageBroker broker() {
        String selected = "eventbus.broker.type=" + properties.getBroker().getType().name().toLowerCase(java.util.Locale.ROOT);
        return switch (properties.getBroker().getType()) {
            case MEMORY -> new InMemoryMessageBroker();
            case REDIS -> {
                requireModule(selected, "com.bizosaas.eventbus.broker.redis.RedisStreamsBroker", "eventbus-broker-redis");
                yield RedisStreamsBroker.create(adapterConfig(() -> RedisConfig.fromEnv(variables)));
            }
            case RABBITMQ -> {
                requireModule(selected, "com.bizosaas.eventbus.broker.rabbitmq.RabbitMqBroker",
                        "eventbus-broker-rabbitmq");
                yield RabbitMqBroker.create(adapterConfig(() -> RabbitMqConfig.fromEnv(variables)));
            }
            case KAFKA -> {
                requireModule(selected, "com.bizosaas.eventbus.broker.kafka.KafkaBroker", "eventbus-broker-kafka");
                yield KafkaBroker.create(adapterConfig(() -> KafkaConfig.fromEnv(variables)));
            }
        };
    }

    /** Reads an adapter's config; its message names the variable, which is rewritten to the property that set it. */
    private <T> T adapterConfig(Supplier<T> read) {
        try {
            return read.get();
        } catch (RuntimeException e) {
            String message = String.valueOf(e.getMessage());
            for (Map.Entry<String, String> entry : propertyByVariable.entrySet()) {
                message = message.replace(entry.getKey(), entry.getValue());
            }
            throw new IllegalArgumentException("Invalid event bus configuration: " + message, e);
        }
    }

    private static void setting(String property, Runnable apply) {
        try {
            apply.run();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid event bus configuration: " + property + ": " + e.getMessage(), e);
        }
    }

    private static void requireModule(String selected, String className, String artifactId) {
        if (!ClassUtils.isPresent(className, EventBusFactory.class.getClassLoader())) {
            throw new IllegalStateException(selected + " needs com.bizosaas:" + artifactId
                    + " on the classpath; add it as a dependency (its version comes from eventbus-bom)");
        }
    }
}
