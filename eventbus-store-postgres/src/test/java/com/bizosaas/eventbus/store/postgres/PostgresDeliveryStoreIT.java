package com.bizosaas.eventbus.store.postgres;

import com.bizosaas.eventbus.contract.DeliveryStoreContract;
import com.bizosaas.eventbus.spi.DeliveryStore;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The delivery store contract against the real PostgreSQL. */
class PostgresDeliveryStoreIT extends DeliveryStoreContract {
    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    /** A database per test; closing its only store (the suite does) closes the database. */
    @Override
    protected DeliveryStore newStore() {
        return PostgresDatabase.start(POSTGRES.migratedSchema()).deliveryStore();
    }
}
