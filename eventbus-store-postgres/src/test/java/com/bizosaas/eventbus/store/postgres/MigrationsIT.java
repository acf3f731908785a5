package com.bizosaas.eventbus.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The migrations can run on their own, before any instance starts, and only once. */
class MigrationsIT {
    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    @Test
    void migrations_run_alone_and_a_second_run_has_nothing_to_do() {
        PostgresConfig config = POSTGRES.newSchema();

        assertThat(PostgresMigrations.migrate(config)).isEqualTo(16);
        assertThat(PostgresMigrations.migrate(config)).isZero();
    }

    @Test
    void a_database_started_without_migrations_uses_the_schema_migrated_beforehand() {
        PostgresConfig config = POSTGRES.newSchema().toBuilder().migrateOnStart(false).build();
        PostgresMigrations.migrate(config);

        try (PostgresDatabase db = PostgresDatabase.start(config)) {
            assertThat(db.subscriptionStore().list()).isEmpty();
        }
    }
}
