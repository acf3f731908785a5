package com.bizosaas.eventbus.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bizosaas.eventbus.UnavailableException;
import com.bizosaas.eventbus.model.ComponentHealth;
import com.bizosaas.eventbus.model.HealthStatus;
import com.bizosaas.eventbus.spi.EventStore;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@code event_store} health component reports the database and the pool. */
class EventStoreHealthIT {
    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    @Test
    void a_reachable_database_is_healthy_with_its_version_and_pool_counters() {
        PostgresConfig config = POSTGRES.newSchema().toBuilder().poolSize(3).build();
        try (PostgresDatabase db = PostgresDatabase.start(config)) {
            EventStore store = db.eventStore();
            ComponentHealth health = store.health();

            assertThat(store.healthName()).isEqualTo("event_store");
            assertThat(health.status()).isEqualTo(HealthStatus.HEALTHY);
            assertThat(health.details())
                    .containsEntry("address", "127.0.0.1:5432")
                    .containsEntry("schema", config.schema())
                    .containsEntry("append_queue", 0)
                    .containsKey("server_version");
            @SuppressWarnings("unchecked")
            Map<String, Object> pool = (Map<String, Object>) health.details().get("pool");
            assertThat(pool).containsEntry("max", 3).containsKeys("active", "idle", "waiting");
        }
    }

    @Test
    void a_closed_database_is_reported_unhealthy_instead_of_throwing() {
        PostgresDatabase db = PostgresDatabase.start(POSTGRES.newSchema());
        EventStore store = db.eventStore();
        db.close();

        assertThat(store.health().status()).isEqualTo(HealthStatus.UNHEALTHY);
    }

    @Test
    void starting_against_an_address_where_nothing_listens_fails_as_unavailable_naming_the_address() {
        PostgresConfig nowhere = POSTGRES.newSchema().toBuilder().port(1).build();

        assertThatThrownBy(() -> PostgresDatabase.start(nowhere))
                .isInstanceOf(UnavailableException.class)
                .hasMessageContaining("127.0.0.1:1");
    }
}
