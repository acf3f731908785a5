package com.bizosaas.eventbus.server;

import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.broker.kafka.KafkaBroker;
import com.bizosaas.eventbus.broker.kafka.KafkaConfig;
import com.bizosaas.eventbus.broker.rabbitmq.RabbitMqBroker;
import com.bizosaas.eventbus.broker.rabbitmq.RabbitMqConfig;
import com.bizosaas.eventbus.broker.redis.RedisConfig;
import com.bizosaas.eventbus.broker.redis.RedisRateLimitBuckets;
import com.bizosaas.eventbus.broker.redis.RedisStreamsBroker;
import com.bizosaas.eventbus.memory.InMemoryApiKeyStore;
import com.bizosaas.eventbus.memory.InMemoryAuditLog;
import com.bizosaas.eventbus.memory.InMemoryCoordinationStore;
import com.bizosaas.eventbus.memory.InMemoryDeliveryStore;
import com.bizosaas.eventbus.memory.InMemoryEventStore;
import com.bizosaas.eventbus.memory.InMemoryMessageBroker;
import com.bizosaas.eventbus.memory.InMemorySubscriptionStore;
import com.bizosaas.eventbus.memory.InMemoryTenantSettingsStore;
import com.bizosaas.eventbus.routing.Namespace;
import com.bizosaas.eventbus.spi.ApiKeyStore;
import com.bizosaas.eventbus.spi.AuditLog;
import com.bizosaas.eventbus.spi.CoordinationStore;
import com.bizosaas.eventbus.spi.MessageBroker;
import com.bizosaas.eventbus.spi.TenantSettingsStore;
import com.bizosaas.eventbus.store.postgres.PostgresConfig;
import com.bizosaas.eventbus.store.postgres.PostgresDatabase;
import com.bizosaas.eventbus.tenancy.MasterKey;

/**
 * Maps {@code EVENTBUS_STORE} and {@code EVENTBUS_BROKER_TYPE} to the adapters that back the bus
 * (the seed's broker factory function). Each adapter reads its own {@code EVENTBUS_*} settings.
 * With Redis configured, the tenants' rate-limit buckets live there, shared by every instance.
 * Tenant settings (rate-limit overrides, encryption policies, wrapped data keys) live in the store;
 * {@code EVENTBUS_MASTER_KEY} or {@code EVENTBUS_MASTER_KEY_FILE} turns encryption on.
 * Stateless.
 */
public final class Components {
    private Components() {
    }

    /**
     * What the configured store holds beside the bus: the managed API keys, the audit log and the
     * agent coordinator's store, in the same PostgreSQL schema as the events, or in memory with the
     * memory store. Closing the bus and the coordination store closes the database.
     */
    public record Assembly(EventBus.Builder bus, ApiKeyStore apiKeys, AuditLog auditLog, CoordinationStore coordination) {
    }

    /** A bus builder with the configured store (events, subscriptions, deliveries, schemas, snapshots) and broker. */
    public static EventBus.Builder builder(ServerConfig config) {
        return assemble(config, false).bus();
    }

    /** The bus builder and the server's own stores, on the configured store. */
    public static Assembly assemble(ServerConfig config) {
        return assemble(config, true);
    }

    /** {@code withCoordination}: take the agent coordinator's store too (it holds a share of the database). */
    private static Assembly assemble(ServerConfig config, boolean withCoordination) {
        // The brokers' configs read the same variable for their default prefixes.
        EventBus.Builder builder = EventBus.builder().namespace(Namespace.fromEnv(config.environment()));
        PostgresDatabase database = null;
        ApiKeyStore apiKeys;
        AuditLog auditLog;
        TenantSettingsStore tenantSettings;
        CoordinationStore coordination;
        switch (config.store()) {
            case POSTGRES -> {
                database = PostgresDatabase.start(PostgresConfig.fromEnv(config.environment()));
                builder.store(database.eventStore())
                        .subscriptionStore(database.subscriptionStore())
                        .deliveryStore(database.deliveryStore())
                        .clusterLeases(database.clusterLeases())
                        .schemaStore(database.schemaStore())
                        .snapshotStore(database.snapshotStore());
                apiKeys = database.apiKeyStore();
                auditLog = database.auditLog();
                tenantSettings = database.tenantSettingsStore();
                coordination = withCoordination ? database.coordinationStore() : null;
            }
            default -> {
                builder.store(new InMemoryEventStore())
                        .subscriptionStore(new InMemorySubscriptionStore())
                        .deliveryStore(new InMemoryDeliveryStore());
                apiKeys = new InMemoryApiKeyStore();
                auditLog = new InMemoryAuditLog();
                tenantSettings = new InMemoryTenantSettingsStore();
                coordination = withCoordination ? new InMemoryCoordinationStore() : null;
            }
        }
        try {
            builder.tenantSettings(tenantSettings);
            MasterKey masterKey = MasterKeySetting.fromEnvironment(config.environment());
            if (masterKey != null) {
                builder.masterKey(masterKey);
            }
            builder.broker(broker(config));
            if (config.redisConfigured()) {
                builder.rateLimitBuckets(RedisRateLimitBuckets.create(RedisConfig.fromEnv(config.environment())));
            }
            return new Assembly(builder, apiKeys, auditLog, coordination);
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
