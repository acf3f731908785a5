package com.bizosaas.eventbus.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.ValidationException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ComponentsTest {

    @Test
    void theDefaultsWireTheInMemoryStoreAndBroker() {
        try (EventBus bus = Components.builder(ServerConfig.defaults()).build()) {
            assertThat(bus.health()).containsKey("event_store").hasSize(2);
        }
    }

    @ParameterizedTest(name = "{0}={1} is refused until its adapter is wired")
    @CsvSource({
            "EVENTBUS_STORE, postgres",
            "EVENTBUS_BROKER_TYPE, redis",
            "EVENTBUS_BROKER_TYPE, rabbitmq",
            "EVENTBUS_BROKER_TYPE, kafka"})
    void anAdapterMissingFromThisBuildIsAConfigurationError(String variable, String value) {
        ServerConfig config = ServerConfig.fromEnvironment(Map.of(variable, value));

        assertThatThrownBy(() -> Components.builder(config))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo(variable))
                .hasMessage(variable + "=" + value + " is not available in this build");
    }
}
