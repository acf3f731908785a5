package com.bizosaas.eventbus.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bizosaas.eventbus.config.ConfigurationException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresConfigTest {

    @Test
    void defaults_are_the_seeds() {
        PostgresConfig config = PostgresConfig.fromEnv(Map.of());

        assertThat(config.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/bizosaas");
        assertThat(config.user()).isEqualTo("admin");
        assertThat(config.password()).isEqualTo("securepassword");
        assertThat(config.schema()).isEqualTo("eventbus");
        assertThat(config.poolSize()).isEqualTo(10);
        assertThat(config.eventTtlDays()).isEqualTo(30);
        assertThat(config.migrateOnStart()).isTrue();
        assertThat(config.appRole()).isEqualTo("eventbus_app");
    }

    @Test
    void every_setting_is_read_from_its_variable() {
        PostgresConfig config = PostgresConfig.fromEnv(Map.of(
                "EVENTBUS_POSTGRES_HOST", "db.internal",
                "EVENTBUS_POSTGRES_PORT", "6432",
                "EVENTBUS_POSTGRES_USER", "owner",
                "EVENTBUS_POSTGRES_PASSWORD", "pw",
                "EVENTBUS_POSTGRES_DB", "events",
                "EVENTBUS_POSTGRES_SCHEMA", "bus",
                "EVENTBUS_POSTGRES_POOL_SIZE", "32",
                "EVENTBUS_EVENT_TTL_DAYS", "7",
                "EVENTBUS_POSTGRES_MIGRATE", "false",
                "EVENTBUS_POSTGRES_APP_ROLE", "bus_app"));

        assertThat(config).isEqualTo(new PostgresConfig("db.internal", 6432, "owner", "pw", "events", "bus", 32, 7,
                false, "bus_app"));
    }

    @Test
    void a_value_that_is_not_a_number_is_refused_naming_the_variable_and_the_value() {
        assertThatThrownBy(() -> PostgresConfig.fromEnv(Map.of("EVENTBUS_POSTGRES_POOL_SIZE", "ten")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("EVENTBUS_POSTGRES_POOL_SIZE must be a whole number; got 'ten'");
    }

    @Test
    void an_out_of_range_value_is_refused_naming_the_variable_and_the_value() {
        assertThatThrownBy(() -> PostgresConfig.fromEnv(Map.of("EVENTBUS_POSTGRES_PORT", "70000")))
                .hasMessage("EVENTBUS_POSTGRES_PORT must be between 1 and 65535; got '70000'");
        assertThatThrownBy(() -> PostgresConfig.fromEnv(Map.of("EVENTBUS_EVENT_TTL_DAYS", "0")))
                .hasMessage("EVENTBUS_EVENT_TTL_DAYS must be at least 1; got '0'");
        assertThatThrownBy(() -> PostgresConfig.fromEnv(Map.of("EVENTBUS_POSTGRES_MIGRATE", "yes")))
                .hasMessage("EVENTBUS_POSTGRES_MIGRATE must be true or false; got 'yes'");
    }

    @Test
    void a_schema_or_role_name_that_is_not_a_plain_identifier_is_refused() {
        assertThatThrownBy(() -> PostgresConfig.fromEnv(Map.of("EVENTBUS_POSTGRES_SCHEMA", "bus; DROP TABLE x")))
                .hasMessage("EVENTBUS_POSTGRES_SCHEMA must be a lower-case SQL identifier; got 'bus; DROP TABLE x'");
        assertThatThrownBy(() -> PostgresConfig.fromEnv(Map.of("EVENTBUS_POSTGRES_APP_ROLE", "admin")))
                .hasMessageStartingWith("EVENTBUS_POSTGRES_APP_ROLE must differ from EVENTBUS_POSTGRES_USER");
    }

    @Test
    void the_password_never_appears_in_the_text_form() {
        assertThat(PostgresConfig.defaults().toString())
                .doesNotContain("securepassword")
                .contains("admin@localhost:5432");
    }
}
