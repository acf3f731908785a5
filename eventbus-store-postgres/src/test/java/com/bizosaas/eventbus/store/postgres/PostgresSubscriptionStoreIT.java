package com.bizosaas.eventbus.store.postgres;

import com.bizosaas.eventbus.contract.SubscriptionStoreContract;
import com.bizosaas.eventbus.spi.SubscriptionStore;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The subscription store contract against the real PostgreSQL. */
class PostgresSubscriptionStoreIT extends SubscriptionStoreContract {
    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    /** A database per test; closing its only store (the suite does) closes the database. */
    @Override
    protected SubscriptionStore newStore() {
        return PostgresDatabase.start(POSTGRES.migratedSchema()).subscriptionStore();
    }
}
