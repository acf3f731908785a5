package com.bizosaas.eventbus.store.postgres;

import com.bizosaas.eventbus.contract.SchemaRegistryContract;
import com.bizosaas.eventbus.spi.SchemaStore;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The schema registry contract on the real PostgreSQL store. */
class PostgresSchemaRegistryIT extends SchemaRegistryContract {
    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    /** A database per test; closing its only store (the suite does) closes the database. */
    @Override
    protected SchemaStore newStore() {
        return PostgresDatabase.start(POSTGRES.migratedSchema()).schemaStore();
    }
}
