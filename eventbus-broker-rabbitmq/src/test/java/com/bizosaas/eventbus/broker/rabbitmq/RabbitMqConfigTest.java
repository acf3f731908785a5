package com.bizosaas.eventbus.broker.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bizosaas.eventbus.config.ConfigurationException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RabbitMqConfigTest {

    @Test
    void anEmptyEnvironmentGivesTheLocalBrokerAndTheDocumentedDefaults() {
        RabbitMqConfig config = RabbitMqConfig.fromEnv(Map.of());

        assertThat(config).isEqualTo(RabbitMqConfig.defaults());
        assertThat(config.url()).isEqualTo("amqp://guest:guest@localhost:5672/");
        assertThat(config.exchange()).isEqualTo("eventbus");
        assertThat(config.prefetch()).isEqualTo(250);
        assertThat(config.publisherChannels()).isEqualTo(2);
        assertThat(config.deliveryLimit()).isEqualTo(20);
        assertThat(config.confirmTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.recoveryInterval()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void everyVariableIsRead() {
        RabbitMqConfig config = RabbitMqConfig.fromEnv(Map.of(
                "EVENTBUS_RABBITMQ_URL", "amqps://app:pw@mq.internal:5671/crm",
                "EVENTBUS_RABBITMQ_EXCHANGE", "bizosaas",
                "EVENTBUS_RABBITMQ_PREFETCH", "50",
                "EVENTBUS_RABBITMQ_PUBLISHER_CHANNELS", "4",
                "EVENTBUS_RABBITMQ_DELIVERY_LIMIT", "5",
                "EVENTBUS_RABBITMQ_CONFIRM_TIMEOUT_MS", "1500",
                "EVENTBUS_RABBITMQ_RECOVERY_INTERVAL_MS", "250"));

        assertThat(config).isEqualTo(new RabbitMqConfig("amqps://app:pw@mq.internal:5671/crm", "bizosaas", 50, 4, 5,
                Duration.ofMillis(1500), Duration.ofMillis(250)));
    }

    @Test
    void blankValuesCountAsUnset() {
        assertThat(RabbitMqConfig.fromEnv(Map.of("EVENTBUS_RABBITMQ_PREFETCH", " ", "EVENTBUS_RABBITMQ_URL", "")))
                .isEqualTo(RabbitMqConfig.defaults());
    }

    @Test
    void aMalformedUrlIsRejectedNamingTheVariableWithoutEchoingThePassword() {
        assertThatThrownBy(() -> RabbitMqConfig.fromEnv(Map.of("EVENTBUS_RABBITMQ_URL", "http://app:hunter2@mq:5672/")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("EVENTBUS_RABBITMQ_URL").hasMessageContaining("amqp://")
                .hasMessageContaining("mq:5672").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> RabbitMqConfig.fromEnv(Map.of("EVENTBUS_RABBITMQ_URL", "amqp://app:p@ss word@mq/")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("EVENTBUS_RABBITMQ_URL").hasMessageNotContaining("ss word");
        assertThatThrownBy(() -> RabbitMqConfig.fromEnv(Map.of("EVENTBUS_RABBITMQ_URL", "amqp:///vhost")))
                .hasMessageContaining("EVENTBUS_RABBITMQ_URL").hasMessageContaining("no host");
        assertThatThrownBy(() -> RabbitMqConfig.fromEnv(Map.of("EVENTBUS_RABBITMQ_URL", "amqp://mq/a/b")))
                .hasMessageContaining("EVENTBUS_RABBITMQ_URL").hasMessageContaining("%2F");
    }

    @Test
    void theTextFormNeverShowsThePassword() {
        RabbitMqConfig config = RabbitMqConfig.builder().url("amqp://app:hunter2@mq:5672/crm").build();

        assertThat(config.toString()).contains("mq:5672/crm").doesNotContain("hunter2");
        assertThat(config.redactedUrl()).isEqualTo("amqp://****@mq:5672/crm");
    }

    @Test
    void numbersOutOfRangeOrNotNumbersAreRejectedNamingTheVariableAndValue() {
        assertThatThrownBy(() -> RabbitMqConfig.fromEnv(Map.of("EVENTBUS_RABBITMQ_PREFETCH", "0")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("EVENTBUS_RABBITMQ_PREFETCH").hasMessageContaining("'0'");
        assertThatThrownBy(() -> RabbitMqConfig.fromEnv(Map.of("EVENTBUS_RABBITMQ_PUBLISHER_CHANNELS", "many")))
                .hasMessageContaining("EVENTBUS_RABBITMQ_PUBLISHER_CHANNELS").hasMessageContaining("'many'");
        assertThatThrownBy(() -> RabbitMqConfig.fromEnv(Map.of("EVENTBUS_RABBITMQ_DELIVERY_LIMIT", "-1")))
                .hasMessageContaining("EVENTBUS_RABBITMQ_DELIVERY_LIMIT");
        assertThatThrownBy(() -> RabbitMqConfig.fromEnv(Map.of("EVENTBUS_RABBITMQ_CONFIRM_TIMEOUT_MS", "0")))
                .hasMessageContaining("EVENTBUS_RABBITMQ_CONFIRM_TIMEOUT_MS");
        assertThatThrownBy(() -> RabbitMqConfig.fromEnv(Map.of("EVENTBUS_RABBITMQ_RECOVERY_INTERVAL_MS", "-5")))
                .hasMessageContaining("EVENTBUS_RABBITMQ_RECOVERY_INTERVAL_MS");
    }

    @Test
    void anExchangePrefixWithCharactersRabbitMqNamesShouldNotCarryIsRejected() {
        assertThatThrownBy(() -> RabbitMqConfig.fromEnv(Map.of("EVENTBUS_RABBITMQ_EXCHANGE", "event bus")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("EVENTBUS_RABBITMQ_EXCHANGE").hasMessageContaining("'event bus'");
    }

    @Test
    void toBuilderCopiesEveryValue() {
        RabbitMqConfig config = RabbitMqConfig.fromEnv(Map.of("EVENTBUS_RABBITMQ_PREFETCH", "7",
                "EVENTBUS_RABBITMQ_EXCHANGE", "copy"));

        assertThat(config.toBuilder().build()).isEqualTo(config);
    }

    @Test
    void theExchangePrefixFollowsTheNamespaceUnlessSetItself() {
        assertThat(RabbitMqConfig.fromEnv(Map.of("EVENTBUS_NAMESPACE", "shop")).exchange()).isEqualTo("shop");
        assertThat(RabbitMqConfig.fromEnv(Map.of("EVENTBUS_NAMESPACE", "shop", "EVENTBUS_RABBITMQ_EXCHANGE", "mine"))
                .exchange()).isEqualTo("mine");
    }
}
