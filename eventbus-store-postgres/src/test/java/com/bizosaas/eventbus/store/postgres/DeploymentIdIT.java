package com.bizosaas.eventbus.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DeploymentIdIT {
    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    @Test
    void everyInstanceOnOneSchemaIsOneDeploymentAndAnotherSchemaIsAnother() {
        PostgresConfig schema = POSTGRES.migratedSchema();
        try (PostgresDatabase first = PostgresDatabase.start(schema);
             PostgresDatabase second = PostgresDatabase.start(schema);
             PostgresDatabase other = PostgresDatabase.start(POSTGRES.newSchema())) {

            String id = first.eventStore().deploymentId();

            assertThat(id).matches("[0-9a-f-]{36}");
            assertThat(second.eventStore().deploymentId()).isEqualTo(id);
            assertThat(other.eventStore().deploymentId()).isNotEqualTo(id);
        }
    }
}
