package com.bizosaas.eventbus.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bizosaas.eventbus.EventBus;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How eventbus.* properties become the adapters' EVENTBUS_* settings, and how bad ones are reported. */
class EventBusFactoryTest {

    @Test
    void propertyKeysInAnyRelaxedFormNameTheSameVariable() {
        assertThat(EventBusProperties.variableSuffix("pool-size")).isEqualTo("POOL_SIZE");
        assertThat(EventBusProperties.variableSuffix("poolSize")).isEqualTo("POOL_SIZE");
        assertThat(EventBusProperties.variableSuffix("pool_size")).isEqualTo("POOL_SIZE");
        assertThat(EventBusProperties.variableSuffix("property.max.poll.records")).isEqualTo("PROPERTY_MAX_POLL_RECORDS");
    }

    @Test
    void adapterSectionsBecomeTheirVariablesWithTheEngineTtl() {
        EventBusProperties properties = new EventBusProperties();
        properties.getPostgres().put("app-role", "crm_bus");
        properties.getKafka().put("bootstrap-servers", "kafka:9092");
        properties.setEventTtlDays(7);
        Map<String, String> propertyByVariable = new HashMap<>();

        Map<String, String> variables = properties.variables(propertyByVariable);

        assertThat(variables).containsEntry("EVENTBUS_POSTGRES_APP_ROLE", "crm_bus")
                .containsEntry("EVENTBUS_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")
                .containsEntry("EVENTBUS_EVENT_TTL_DAYS", "7");
        assertThat(propertyByVariable).containsEntry("EVENTBUS_POSTGRES_APP_ROLE", "eventbus.postgres.app-role");
    }

    @Test
    void aBadAdapterSettingIsReportedUnderThePropertyThatSetIt() {
        EventBusProperties properties = new EventBusProperties();
        properties.setStore(EventBusProperties.Store.POSTGRES);
        properties.getPostgres().put("pool-size", "many");

        assertThatThrownBy(() -> new EventBusFactory(properties).create(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("eventbus.postgres.pool-size")
                .hasMessageContaining("many")
                .hasMessageNotContaining("EVENTBUS_POSTGRES_POOL_SIZE");
    }

    @Test
    void aBadEngineSettingIsReportedUnderItsProperty() {
        EventBusProperties properties = new EventBusProperties();
        properties.setMaxRetryAttempts(0);

        assertThatThrownBy(() -> new EventBusFactory(properties).create(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("eventbus.max-retry-attempts")
                .hasMessageContaining("got 0");
    }

    @Test
    void theDefaultsAreTheInMemoryBus() {
        try (EventBus bus = new EventBusFactory(new EventBusProperties()).create(null)) {
            assertThat(bus.health()).containsOnlyKeys("event_store", "broker");
        }
    }
}
