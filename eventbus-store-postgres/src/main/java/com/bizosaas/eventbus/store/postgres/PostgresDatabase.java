package com.bizosaas.eventbus.store.postgres;

import com.bizosaas.eventbus.spi.DeliveryStore;
import com.bizosaas.eventbus.spi.EventStore;
import com.bizosaas.eventbus.spi.SubscriptionStore;
import com.bizosaas.eventbus.store.postgres.internal.AvailabilityGate;
import com.bizosaas.eventbus.store.postgres.internal.Connections;
import com.bizosaas.eventbus.store.postgres.internal.DatabaseHealth;
import com.bizosaas.eventbus.store.postgres.internal.Maintenance;
import com.bizosaas.eventbus.store.postgres.internal.Partitions;
import com.bizosaas.eventbus.store.postgres.internal.PostgresDeliveryStore;
import com.bizosaas.eventbus.store.postgres.internal.PostgresEventStore;
import com.bizosaas.eventbus.store.postgres.internal.PostgresSubscriptionStore;
import com.bizosaas.eventbus.store.postgres.internal.Transactions;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdbi.v3.core.Jdbi;

/**
 * The PostgreSQL store of a bus: one connection pool, the schema (migrated at start unless turned
 * off) with its day partitions, and the event, subscription and delivery stores on top. Wire it with {@code EventBus.builder().store(db.eventStore()).subscriptionStore(...)}.
 * Thread-safe. It closes when {@link #close()} is called, or once every store taken from it has
 * been closed (so a bus that closes its stores releases the pool too); a store cannot be taken
 * after that.
 */
public final class PostgresDatabase implements AutoCloseable {
    private final PostgresConfig config;
    private final HikariDataSource pool;
    private final AvailabilityGate gate;
    private final Transactions transactions;
    private final Partitions partitions;
    private final DatabaseHealth health;
    private final PostgresDeliveryStore deliveries;
    private final Maintenance maintenance;
    private final Clock clock;
    private PostgresEventStore eventStore;
    private PostgresSubscriptionStore subscriptionStore;
    private boolean deliveriesTaken;
    private int storesOpen;
    private boolean closed;

    private PostgresDatabase(PostgresConfig config, HikariDataSource pool, Clock clock) {
        this.config = config;
        this.pool = pool;
        this.gate = new AvailabilityGate(Connections.owner(config), clock);
        this.transactions = new Transactions(Jdbi.create(pool), gate);
        this.partitions = new Partitions(Jdbi.create(Connections.owner(config)));
        this.health = new DatabaseHealth(pool, config);
        this.deliveries = new PostgresDeliveryStore(transactions, releaseOnce());
        this.maintenance = new Maintenance(partitions, deliveries, Duration.ofDays(config.eventTtlDays()), clock);
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
            PostgresDatabase database = new PostgresDatabase(config, pool, clock);
            database.maintenance.start();
            return database;
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
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

    public synchronized DeliveryStore deliveryStore() {
        requireOpen();
        if (!deliveriesTaken) {
            deliveriesTaken = true;
            storesOpen++;
        }
        return deliveries;
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
        if (eventStore != null) {
            eventStore.close();
        }
        gate.close();
        pool.close();
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
