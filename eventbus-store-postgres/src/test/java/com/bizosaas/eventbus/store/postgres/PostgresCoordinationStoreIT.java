package com.bizosaas.eventbus.store.postgres;

import com.bizosaas.eventbus.contract.CoordinationStoreContract;
import com.bizosaas.eventbus.spi.CoordinationStore;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The coordination store contract against the real PostgreSQL. */
class PostgresCoordinationStoreIT extends CoordinationStoreContract {
    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    /** A database per test; closing its only store (the suite does) closes the database. */
    @Override
    protected CoordinationStore newStore() {
        return PostgresDatabase.start(POSTGRES.migratedSchema()).coordinationStore();
    }
}
