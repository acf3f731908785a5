package com.bizosaas.eventbus.store.postgres;

import com.bizosaas.eventbus.contract.AuditLogContract;
import com.bizosaas.eventbus.spi.AuditLog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The audit log contract against the real PostgreSQL. */
class PostgresAuditLogIT extends AuditLogContract {
    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();
    private static PostgresDatabase database;

    @Override
    protected AuditLog newLog() {
        if (database == null) {
            database = PostgresDatabase.start(POSTGRES.migratedSchema());
        }
        return database.auditLog();
    }

    @AfterAll
    static void closeDatabase() {
        if (database != null) {
            database.close();
            database = null;
        }
    }
}
