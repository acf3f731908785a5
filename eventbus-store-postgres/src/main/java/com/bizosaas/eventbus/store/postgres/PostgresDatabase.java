package com.bizosaas.eventbus.store.postgres;

import com.bizosaas.eventbus.spi.ApiKeyStore;
import com.bizosaas.eventbus.spi.AuditLog;
import com.bizosaas.eventbus.spi.ClusterLeases;
import com.bizosaas.eventbus.spi.CoordinationStore;
import com.bizosaas.eventbus.spi.DeliveryStore;
import com.bizosaas.eventbus.spi.EventStore;
import com.bizosaas.eventbus.spi.SchemaStore;
import com.bizosaas.eventbus.spi.SnapshotStore;
import com.bizosaas.eventbus.spi.SubscriptionStore;
import com.bizosaas.eventbus.spi.TenantSettingsStore;
import com.bizosaas.eventbus.store.postgres.internal.AdvisoryLeases;
import com.bizosaas.eventbus.store.postgres.internal.AvailabilityGate;
import com.bizosaas.eventbus.store.postgres.internal.Connections;
import com.bizosaas.eventbus.store.postgres.internal.DatabaseHealth;
import com.bizosaas.eventbus.store.postgres.internal.Maintenance;
import com.bizosaas.eventbus.store.postgres.internal.Partitions;
import com.bizosaas.eventbus.store.postgres.internal.PostgresApiKeyStore;
import com.bizosaas.eventbus.store.postgres.internal.PostgresAuditLog;
import com.bizosaas.eventbus.store.postgres.internal.PostgresCoordinationStore;
import com.bizosaas.eventbus.store.postgres.internal.PostgresDeliveryStore;
import com.bizosaas.eventbus.store.postgres.internal.PostgresEventStore;
import com.bizosaas.eventbus.store.postgres.internal.PostgresSchemaStore;
import com.bizosaas.eventbus.store.postgres.internal.PostgresSnapshotStore;
import com.bizosaas.eventbus.store.postgres.internal.PostgresSubscriptionStore;
import com.bizosaas.eventbus.store.postgres.internal.PostgresTenantSettingsStore;
import com.bizosaas.eventbus.store.postgres.internal.SessionScopedDataSource;
import com.bizosaas.eventbus.store.postgres.internal.Transactions;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/**
 * The PostgreSQL store of a bus: one connection pool, the schema (migrated at start unless turned
 * off) with its day partitions, and the event, subscription, delivery, schema-registry and snapshot stores on top. Wire it with {@code EventBus.builder().store(db.eventStore()).subscriptionStore(...)}.
 * Thread-safe. It closes when {@link #close()} is called, or once every store taken from it has
 * been closed (so a bus that closes its stores releases the pool too); a store cannot be taken
 * after that.
 */
public final class PostgresDatabase implements AutoCloseable {
    private final PostgresConfig config;
    private final Runnable closePool;
    private final AvailabilityGate gate;
    private final Transactions transactions;
    private final Partitions partitions;
    private final DatabaseHealth health;
    private final PostgresDeliveryStore deliveries;
    private final Maintenance maintenance;
    private final AdvisoryLeases leases;
    private final Clock clock;
    private PostgresEventStore eventStore;
    private PostgresSubscriptionStore subscriptionStore;
    private PostgresSchemaStore schemaStore;
    private PostgresSnapshotStore snapshotStore;
    private PostgresCoordinationStore coordinationStore;
    private boolean deliveriesTaken;
    private int storesOpen;
    private boolean closed;

    /**
     * @param appConnections   connections acting as the application role
     * @param ownerConnections connections as the tables' owner (partition DDL)
     * @param closePool        closes the store's own pool; does nothing when the connections are borrowed
     */
    private PostgresDatabase(PostgresConfig config, DataSource appConnections, DataSource ownerConnections,
                             DatabaseHealth health, Runnable closePool, Clock clock) {
        this.config = config;
        this.closePool = closePool;
        // On the application's data source the probe borrows from its pool, so it may wait the
        // pool's timeout before it sees the database back; our own pool's probe is unpooled.
        this.gate = new AvailabilityGate(ownerConnections, clock);
        this.transactions = new Transactions(Jdbi.create(appConnections), gate);
        this.partitions = new Partitions(Jdbi.create(ownerConnections));
        this.health = health;
        this.deliveries = new PostgresDeliveryStore(transactions, releaseOnce());
        this.maintenance = new Maintenance(partitions, deliveries, Duration.ofDays(config.eventTtlDays()), clock);
        // Owner connections: outside the store's pool, which a connection held for life would shrink.
        this.leases = new AdvisoryLeases(ownerConnections, config.schema());
        this.clock = clock;
    }

    /** Connects, migrates (if {@link PostgresConfig#migrateOnStart()}), and creates the coming days' partitions. */
    public static PostgresDatabase start(PostgresConfig config) {
        return start(config, Clock.systemUTC());
    }

    /**
     * @param clock decides which day partitions are created, which finished deliveries are old
     *              enough to forget, and when events count as stored for the outbox relay
     */
    public static PostgresDatabase start(PostgresConfig config, Clock clock) {
        if (config.migrateOnStart()) {
            PostgresMigrations.migrate(config);
        }
        HikariDataSource pool = Connections.pool(config);
        try {
            return new PostgresDatabase(config, pool, Connections.owner(config), new DatabaseHealth(pool, config),
                    pool::close, clock).startMaintenance();
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /** {@link #start(PostgresConfig, DataSource, Clock)} on the system clock. */
    public static PostgresDatabase start(PostgresConfig config, DataSource dataSource) {
        return start(config, dataSource, Clock.systemUTC());
    }

    /**
     * Runs the store on connections borrowed from the application's own {@code dataSource} (a
     * Spring Boot application's pool, say) instead of opening a pool: the connection settings and
     * pool size of {@code config} are then unused; its schema, application role, migration switch
     * and event TTL apply. The data source's user must own the schema (or run the migrations) and
     * be a member of the application role, which the migrations grant. Each borrowed connection is
     * set to the schema and role while the store uses it and reset before it returns to the pool.
     * Closing this database leaves {@code dataSource} open: it belongs to the application.
     */
    public static PostgresDatabase start(PostgresConfig config, DataSource dataSource, Clock clock) {
        if (config.migrateOnStart()) {
            PostgresMigrations.migrate(config, dataSource);
        }
        DataSource appConnections = new SessionScopedDataSource(dataSource, config.appRole(), config.schema());
        HikariDataSource hikari = hikariBehind(dataSource);
        // The URL without its parameters, which may carry a password: health details are shown to anyone.
        String url = hikari == null ? null : hikari.getJdbcUrl();
        String address = url == null ? "unknown" : url.split("\\?")[0];
        Map<String, Object> location = DatabaseHealth.location(address, "the application's data source",
                config.schema());
        return new PostgresDatabase(config, appConnections,
                new SessionScopedDataSource(dataSource, null, config.schema()),
                new DatabaseHealth(appConnections, hikari, location), () -> {
                }, clock).startMaintenance();
    }

    private static HikariDataSource hikariBehind(DataSource dataSource) {
        try {
            return dataSource.isWrapperFor(HikariDataSource.class) ? dataSource.unwrap(HikariDataSource.class) : null;
        } catch (SQLException e) {
            return null; // no pool counters in the health details, nothing worse
        }
    }

    private PostgresDatabase startMaintenance() {
        maintenance.start();
        return this;
    }

    public PostgresConfig config() {
        return config;
    }

    /** The event store; the same instance on every call. Its health is the {@code event_store} component. */
    public synchronized EventStore eventStore() {
        requireOpen();
        if (eventStore == null) {
            eventStore = new PostgresEventStore(transactions, partitions, health, clock, releaseOnce());
            storesOpen++;
        }
        return eventStore;
    }

    public synchronized SubscriptionStore subscriptionStore() {
        requireOpen();
        if (subscriptionStore == null) {
            subscriptionStore = new PostgresSubscriptionStore(transactions, releaseOnce());
            storesOpen++;
        }
        return subscriptionStore;
    }

    /** The schema registry's store; the same instance on every call. */
    public synchronized SchemaStore schemaStore() {
        requireOpen();
        if (schemaStore == null) {
            schemaStore = new PostgresSchemaStore(transactions, releaseOnce());
            storesOpen++;
        }
        return schemaStore;
    }

    /** The streams' latest snapshots; the same instance on every call. */
    public synchronized SnapshotStore snapshotStore() {
        requireOpen();
        if (snapshotStore == null) {
            snapshotStore = new PostgresSnapshotStore(transactions, releaseOnce());
            storesOpen++;
        }
        return snapshotStore;
    }

    /** The AI agent coordinator's agents, tasks and rules; the same instance on every call. */
    public synchronized CoordinationStore coordinationStore() {
        requireOpen();
        if (coordinationStore == null) {
            coordinationStore = new PostgresCoordinationStore(transactions, releaseOnce());
            storesOpen++;
        }
        return coordinationStore;
    }

    public synchronized DeliveryStore deliveryStore() {
        requireOpen();
        if (!deliveriesTaken) {
            deliveriesTaken = true;
            storesOpen++;
        }
        return deliveries;
    }

    /**
     * The leases that let one instance of a deployment at a time run the cluster-wide jobs
     * (session-level advisory locks on a connection of their own; on a borrowed data source, one
     * of its connections is kept for this). Wire it with {@code EventBus.builder().clusterLeases(...)}.
     */
    public ClusterLeases clusterLeases() {
        return leases;
    }

    /**
     * The managed API keys. It takes no share of the database: keys are looked up for as long as
     * the bus runs, and the database closes with the bus's stores.
     */
    public ApiKeyStore apiKeyStore() {
        requireOpen();
        return new PostgresApiKeyStore(transactions);
    }

    /** The audit log; like {@link #apiKeyStore()}, it takes no share of the database. */
    public AuditLog auditLog() {
        requireOpen();
        return new PostgresAuditLog(transactions);
    }

    /** Rate-limit overrides, encryption policies and wrapped data keys; like {@link #apiKeyStore()}, no share. */
    public TenantSettingsStore tenantSettingsStore() {
        requireOpen();
        return new PostgresTenantSettingsStore(transactions);
    }

    /** Runs the hourly housekeeping now: partitions ahead, then finished deliveries past the TTL. */
    public void runMaintenance() {
        maintenance.run();
    }

    Transactions transactions() {
        return transactions;
    }

    Partitions partitions() {
        return partitions;
    }

    /** Stores the appends already queued, stops housekeeping and closes the pool. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        maintenance.close();
        leases.close();
        if (eventStore != null) {
            eventStore.close();
        }
        gate.close();
        closePool.run();
    }

    /** A store's share: closing the store twice must not release a share of another. */
    private Runnable releaseOnce() {
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                release();
            }
        };
    }

    private synchronized void release() {
        storesOpen--;
        if (storesOpen == 0) {
            close();
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the PostgreSQL database of schema " + config.schema() + " is closed");
        }
    }
}
