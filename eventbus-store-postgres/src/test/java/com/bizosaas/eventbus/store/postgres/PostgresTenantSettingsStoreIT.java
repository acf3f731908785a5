package com.bizosaas.eventbus.store.postgres;

import com.bizosaas.eventbus.contract.TenantSettingsStoreContract;
import com.bizosaas.eventbus.spi.TenantSettingsStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The tenant settings store contract against the real PostgreSQL. */
class PostgresTenantSettingsStoreIT extends TenantSettingsStoreContract {
    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();
    private static PostgresDatabase database;

    @Override
    protected TenantSettingsStore newStore() {
        if (database == null) {
            database = PostgresDatabase.start(POSTGRES.migratedSchema());
        }
        return database.tenantSettingsStore();
    }

    @AfterAll
    static void closeDatabase() {
        if (database != null) {
            database.close();
            database = null;
        }
    }
}
