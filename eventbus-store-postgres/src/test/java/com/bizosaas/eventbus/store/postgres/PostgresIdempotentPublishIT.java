package com.bizosaas.eventbus.store.postgres;

import com.bizosaas.eventbus.contract.IdempotentPublishContract;
import com.bizosaas.eventbus.spi.EventStore;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Idempotent publishing through the engine on the real PostgreSQL event store. */
class PostgresIdempotentPublishIT extends IdempotentPublishContract {
    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    /** A database per test; the bus closes its only store, which closes the database. */
    @Override
    protected EventStore newStore() {
        return PostgresDatabase.start(POSTGRES.migratedSchema()).eventStore();
    }
}
