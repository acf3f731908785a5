package com.bizosaas.eventbus.broker.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bizosaas.eventbus.config.ConfigurationException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedisConfigTest {

    @Test
    void withoutVariablesTheSeedDefaultsApply() {
        RedisConfig config = RedisConfig.fromEnv(Map.of());

        assertThat(config.host()).isEqualTo("localhost");
        assertThat(config.port()).isEqualTo(6379);
        assertThat(config.database()).isZero();
        assertThat(config.password()).isNull();
        assertThat(config.tls()).isFalse();
        assertThat(config.streamPrefix()).isEqualTo("eventbus:");
        assertThat(config.streamMaxLength()).isEqualTo(1_000_000L);
        assertThat(config.poolSize()).isEqualTo(16);
        assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.consumerExpiry()).isEqualTo(Duration.ofMinutes(10));
        assertThat(RedisConfig.defaults()).isEqualTo(config);
    }

    @Test
    void everyVariableIsRead() {
        RedisConfig config = RedisConfig.fromEnv(Map.ofEntries(
                Map.entry("EVENTBUS_REDIS_HOST", "redis.internal"),
                Map.entry("EVENTBUS_REDIS_PORT", "6380"),
                Map.entry("EVENTBUS_REDIS_USERNAME", "bus"),
                Map.entry("EVENTBUS_REDIS_PASSWORD", "s3cret"),
                Map.entry("EVENTBUS_REDIS_DB", "3"),
                Map.entry("EVENTBUS_REDIS_TLS", "TRUE"),
                Map.entry("EVENTBUS_REDIS_STREAM_PREFIX", "bus:"),
                Map.entry("EVENTBUS_REDIS_STREAM_MAXLEN", "0"),
                Map.entry("EVENTBUS_REDIS_POOL_SIZE", "4"),
                Map.entry("EVENTBUS_REDIS_TIMEOUT_MS", "500"),
                Map.entry("EVENTBUS_REDIS_CONSUMER_EXPIRY_SECONDS", "60"),
                Map.entry("EVENTBUS_REDIS_DURABLE", "false")));

        assertThat(config).isEqualTo(new RedisConfig("redis.internal", 6380, "bus", "s3cret", 3, true, "bus:", 0, 4,
                Duration.ofMillis(500), Duration.ofSeconds(60), RedisConfig.Durable.FALSE));
        assertThat(config.address()).isEqualTo("redis.internal:6380");
    }

    @Test
    void emptyVariablesCountAsUnset() {
        RedisConfig config = RedisConfig.fromEnv(Map.of("EVENTBUS_REDIS_PORT", " ", "EVENTBUS_REDIS_PASSWORD", ""));

        assertThat(config.port()).isEqualTo(6379);
        assertThat(config.password()).isNull();
    }

    @Test
    void anUnparsableNumberIsRejectedNamingTheVariableAndTheValue() {
        assertThatThrownBy(() -> RedisConfig.fromEnv(Map.of("EVENTBUS_REDIS_PORT", "six")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("EVENTBUS_REDIS_PORT")
                .hasMessageContaining("'six'");
    }

    @Test
    void durabilityIsAskedOfRedisUnlessTheOperatorSaysAndAnythingElseIsRejected() {
        assertThat(RedisConfig.defaults().durable()).isEqualTo(RedisConfig.Durable.AUTO);
        assertThat(RedisConfig.fromEnv(Map.of("EVENTBUS_REDIS_DURABLE", "True")).durable())
                .isEqualTo(RedisConfig.Durable.TRUE);
        assertThatThrownBy(() -> RedisConfig.fromEnv(Map.of("EVENTBUS_REDIS_DURABLE", "sometimes")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("EVENTBUS_REDIS_DURABLE")
                .hasMessageContaining("'sometimes'");
    }

    @ParameterizedTest
    @CsvSource({
            "EVENTBUS_REDIS_PORT, 70000",
            "EVENTBUS_REDIS_DB, -1",
            "EVENTBUS_REDIS_POOL_SIZE, 0",
            "EVENTBUS_REDIS_STREAM_MAXLEN, -5",
            "EVENTBUS_REDIS_TIMEOUT_MS, 0",
            "EVENTBUS_REDIS_CONSUMER_EXPIRY_SECONDS, 0",
            "EVENTBUS_REDIS_TLS, yes"})
    void aValueOutOfRangeIsRejectedNamingTheVariableAndTheValue(String variable, String value) {
        assertThatThrownBy(() -> RedisConfig.fromEnv(Map.of(variable, value)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(variable)
                .hasMessageContaining("'" + value + "'");
    }

    @Test
    void thePasswordNeverAppearsInToString() {
        RedisConfig config = RedisConfig.fromEnv(Map.of("EVENTBUS_REDIS_PASSWORD", "s3cret"));

        assertThat(config.toString()).doesNotContain("s3cret").contains("localhost:6379");
    }

    @Test
    void theStreamPrefixFollowsTheNamespaceUnlessSetItself() {
        assertThat(RedisConfig.fromEnv(Map.of()).streamPrefix()).isEqualTo("eventbus:");
        assertThat(RedisConfig.fromEnv(Map.of("EVENTBUS_NAMESPACE", "shop")).streamPrefix()).isEqualTo("shop:");
        assertThat(RedisConfig.fromEnv(Map.of("EVENTBUS_NAMESPACE", "shop", "EVENTBUS_REDIS_STREAM_PREFIX", "mine:"))
                .streamPrefix()).isEqualTo("mine:");
    }
}
