package com.bizosaas.eventbus.broker.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bizosaas.eventbus.config.ConfigurationException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaConfigTest {

    @Test
    void an_empty_environment_gives_the_documented_defaults() {
        KafkaConfig config = KafkaConfig.fromEnv(Map.of());

        assertThat(config.bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(config.partitions()).isEqualTo(12);
        assertThat(config.replicationFactor()).isEqualTo(KafkaConfig.BROKER_DEFAULT_REPLICATION);
        assertThat(config.lingerMs()).isEqualTo(5);
        assertThat(config.batchSize()).isEqualTo(65_536);
        assertThat(config.compression()).isEqualTo("lz4");
        assertThat(config.autoOffsetReset()).isEqualTo("earliest");
        assertThat(config.retryBackoff()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.operationTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.clientProperties()).isEmpty();
        assertThat(config).isEqualTo(KafkaConfig.defaults());
    }

    @Test
    void every_setting_is_read_from_its_variable() {
        KafkaConfig config = KafkaConfig.fromEnv(Map.of(
                "EVENTBUS_KAFKA_BOOTSTRAP_SERVERS", "k1:9092, k2:9093",
                "EVENTBUS_KAFKA_PARTITIONS", "24",
                "EVENTBUS_KAFKA_REPLICATION_FACTOR", "3",
                "EVENTBUS_KAFKA_LINGER_MS", "20",
                "EVENTBUS_KAFKA_BATCH_SIZE", "131072",
                "EVENTBUS_KAFKA_COMPRESSION", "ZSTD",
                "EVENTBUS_KAFKA_AUTO_OFFSET_RESET", "by_duration:PT5M",
                "EVENTBUS_KAFKA_RETRY_BACKOFF_MS", "250",
                "EVENTBUS_KAFKA_OPERATION_TIMEOUT_MS", "5000"));

        assertThat(config.bootstrapServers()).isEqualTo("k1:9092, k2:9093");
        assertThat(config.partitions()).isEqualTo(24);
        assertThat(config.replicationFactor()).isEqualTo((short) 3);
        assertThat(config.lingerMs()).isEqualTo(20);
        assertThat(config.batchSize()).isEqualTo(131_072);
        assertThat(config.compression()).isEqualTo("zstd");
        assertThat(config.autoOffsetReset()).isEqualTo("by_duration:PT5M");
        assertThat(config.retryBackoff()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.operationTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void blank_variables_count_as_unset() {
        KafkaConfig config = KafkaConfig.fromEnv(Map.of("EVENTBUS_KAFKA_PARTITIONS", " ",
                "EVENTBUS_KAFKA_SASL_MECHANISM", ""));

        assertThat(config.partitions()).isEqualTo(12);
        assertThat(config.clientProperties()).isEmpty();
    }

    @Test
    void property_variables_pass_through_as_dotted_lower_case_client_properties() {
        KafkaConfig config = KafkaConfig.fromEnv(Map.of(
                "EVENTBUS_KAFKA_PROPERTY_SECURITY_PROTOCOL", "SASL_SSL",
                "EVENTBUS_KAFKA_PROPERTY_MAX_POLL_RECORDS", "200",
                "OTHER_VARIABLE", "ignored"));

        assertThat(config.clientProperties())
                .containsExactlyInAnyOrderEntriesOf(Map.of("security.protocol", "SASL_SSL", "max.poll.records", "200"));
    }

    @Test
    void security_short_names_set_the_client_property_of_the_same_name() {
        KafkaConfig config = KafkaConfig.fromEnv(Map.of(
                "EVENTBUS_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "EVENTBUS_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                "EVENTBUS_KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "EVENTBUS_KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/kafka/truststore.p12",
                "EVENTBUS_KAFKA_SSL_TRUSTSTORE_PASSWORD", "changeit"));

        assertThat(config.clientProperties()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "ssl.truststore.location", "/etc/kafka/truststore.p12",
                "ssl.truststore.password", "changeit"));
        assertThat(KafkaConfig.variableFor("sasl.jaas.config")).isEqualTo("EVENTBUS_KAFKA_SASL_JAAS_CONFIG");
        assertThat(KafkaConfig.variableFor("max.poll.records")).isEqualTo("EVENTBUS_KAFKA_PROPERTY_MAX_POLL_RECORDS");
    }

    @Test
    void a_short_name_and_a_property_variable_that_disagree_are_refused_naming_both() {
        assertThatThrownBy(() -> KafkaConfig.fromEnv(Map.of(
                "EVENTBUS_KAFKA_SECURITY_PROTOCOL", "SSL",
                "EVENTBUS_KAFKA_PROPERTY_SECURITY_PROTOCOL", "SASL_SSL")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("EVENTBUS_KAFKA_PROPERTY_SECURITY_PROTOCOL")
                .hasMessageContaining("EVENTBUS_KAFKA_SECURITY_PROTOCOL")
                .hasMessageContaining("security.protocol");
    }

    @Test
    void properties_the_adapter_relies_on_cannot_be_passed_through() {
        assertThatThrownBy(() -> KafkaConfig.fromEnv(Map.of("EVENTBUS_KAFKA_PROPERTY_ACKS", "1")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("EVENTBUS_KAFKA_PROPERTY_ACKS")
                .hasMessageContaining("durable");
        assertThatThrownBy(() -> KafkaConfig.fromEnv(Map.of("EVENTBUS_KAFKA_PROPERTY_ENABLE_AUTO_COMMIT", "true")))
                .hasMessageContaining("EVENTBUS_KAFKA_PROPERTY_ENABLE_AUTO_COMMIT");
        assertThatThrownBy(() -> KafkaConfig.fromEnv(Map.of("EVENTBUS_KAFKA_PROPERTY_LINGER_MS", "1")))
                .hasMessageContaining("use EVENTBUS_KAFKA_LINGER_MS");
    }

    @Test
    void malformed_values_are_refused_naming_the_variable_and_the_value() {
        assertRefused("EVENTBUS_KAFKA_PARTITIONS", "twelve");
        assertRefused("EVENTBUS_KAFKA_PARTITIONS", "0");
        assertRefused("EVENTBUS_KAFKA_REPLICATION_FACTOR", "0");
        assertRefused("EVENTBUS_KAFKA_LINGER_MS", "-1");
        assertRefused("EVENTBUS_KAFKA_BATCH_SIZE", "99999999999");
        assertRefused("EVENTBUS_KAFKA_COMPRESSION", "brotli");
        assertRefused("EVENTBUS_KAFKA_AUTO_OFFSET_RESET", "newest");
        assertRefused("EVENTBUS_KAFKA_AUTO_OFFSET_RESET", "by_duration:five minutes");
        assertRefused("EVENTBUS_KAFKA_RETRY_BACKOFF_MS", "0");
        assertRefused("EVENTBUS_KAFKA_OPERATION_TIMEOUT_MS", "999999999");
        assertRefused("EVENTBUS_KAFKA_BOOTSTRAP_SERVERS", "localhost");
        assertRefused("EVENTBUS_KAFKA_SECURITY_PROTOCOL", "TLS");
        assertRefused("EVENTBUS_KAFKA_PROPERTY_max_poll_records", "10");
    }

    @Test
    void the_builder_checks_like_the_environment_does() {
        assertThatThrownBy(() -> KafkaConfig.builder().partitions(-3).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("EVENTBUS_KAFKA_PARTITIONS must be between 1 and 10000; got '-3'");
        assertThatThrownBy(() -> KafkaConfig.builder().clientProperty("group.id", "mine").build())
                .hasMessageContaining("EVENTBUS_KAFKA_PROPERTY_GROUP_ID")
                .hasMessageContaining("set EVENTBUS_NAMESPACE");
    }

    @Test
    void credentials_do_not_show_in_to_string() {
        KafkaConfig config = KafkaConfig.fromEnv(Map.of(
                "EVENTBUS_KAFKA_SASL_JAAS_CONFIG", "PlainLoginModule required username=\"u\" password=\"hunter2\";",
                "EVENTBUS_KAFKA_SSL_TRUSTSTORE_PASSWORD", "changeit",
                "EVENTBUS_KAFKA_SASL_MECHANISM", "PLAIN"));

        assertThat(config.toString()).doesNotContain("hunter2").doesNotContain("changeit").contains("PLAIN");
    }

    private static void assertRefused(String variable, String value) {
        assertThatThrownBy(() -> KafkaConfig.fromEnv(Map.of(variable, value)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(variable)
                .hasMessageContaining(value);
    }
}
