package com.bizosaas.eventbus.store.postgres;

import com.bizosaas.eventbus.contract.ApiKeyStoreContract;
import com.bizosaas.eventbus.spi.ApiKeyStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The API key store contract against the real PostgreSQL. */
class PostgresApiKeyStoreIT extends ApiKeyStoreContract {
    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();
    private static PostgresDatabase database;

    @Override
    protected ApiKeyStore newStore() {
        if (database == null) {
            database = PostgresDatabase.start(POSTGRES.migratedSchema());
        }
        return database.apiKeyStore();
    }

    @AfterAll
    static void closeDatabase() {
        if (database != null) {
            database.close();
            database = null;
        }
    }
}
