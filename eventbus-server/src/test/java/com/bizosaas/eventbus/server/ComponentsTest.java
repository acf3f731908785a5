package com.bizosaas.eventbus.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bizosaas.eventbus.EventBus;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComponentsTest {

    @Test
    void theDefaultsWireTheInMemoryStoreAndBroker() {
        try (EventBus bus = Components.builder(ServerConfig.defaults()).build()) {
            assertThat(bus.health()).containsOnlyKeys("event_store", "broker");
        }
    }

    @Test
    void aBadAdapterSettingIsRefusedNamingItsVariable() {
        ServerConfig config = ServerConfig.fromEnvironment(Map.of(
                "EVENTBUS_BROKER_TYPE", "kafka", "EVENTBUS_KAFKA_PARTITIONS", "many"));

        assertThatThrownBy(() -> Components.builder(config)).hasMessageContaining("EVENTBUS_KAFKA_PARTITIONS");
    }
}
