package com.bizosaas.eventbus.store.postgres;

import com.bizosaas.eventbus.contract.SnapshotStoreContract;
import com.bizosaas.eventbus.spi.SnapshotStore;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The snapshot store contract on the real PostgreSQL store. */
class PostgresSnapshotStoreIT extends SnapshotStoreContract {
    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    /** A database per test; closing its only store (the suite does) closes the database. */
    @Override
    protected SnapshotStore newStore() {
        return PostgresDatabase.start(POSTGRES.migratedSchema()).snapshotStore();
    }
}
