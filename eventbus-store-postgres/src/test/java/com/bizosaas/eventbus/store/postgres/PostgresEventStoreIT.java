package com.bizosaas.eventbus.store.postgres;

import com.bizosaas.eventbus.contract.EventStoreContract;
import com.bizosaas.eventbus.spi.EventStore;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The event store contract against the real PostgreSQL. */
class PostgresEventStoreIT extends EventStoreContract {
    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    /** A database per test; closing its only store (the suite does) closes the database. */
    @Override
    protected EventStore newStore() {
        return PostgresDatabase.start(POSTGRES.migratedSchema()).eventStore();
    }
}
