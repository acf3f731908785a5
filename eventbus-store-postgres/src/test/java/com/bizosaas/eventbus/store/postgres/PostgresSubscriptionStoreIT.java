package com.bizosaas.eventbus.store.postgres;

import com.bizosaas.eventbus.contract.SubscriptionStoreContract;
import com.bizosaas.eventbus.spi.SubscriptionStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The subscription store contract against the real PostgreSQL; each test opens (and the suite closes) a database. */
class PostgresSubscriptionStoreIT extends SubscriptionStoreContract {
    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    private static PostgresConfig config;

    @BeforeAll
    static void migrate() {
        config = POSTGRES.newSchema().toBuilder().migrateOnStart(false).build();
        PostgresMigrations.migrate(config);
    }

    /** Closing the only store taken from the database closes the database too. */
    @Override
    protected SubscriptionStore newStore() {
        return PostgresDatabase.start(config).subscriptionStore();
    }
}
