package com.bizosaas.eventbus.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bizosaas.eventbus.ValidationException;
import com.bizosaas.eventbus.delivery.CircuitPolicy;
import com.bizosaas.eventbus.tenancy.RateLimit;
import com.bizosaas.eventbus.tenancy.Scope;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServerConfigTest {

    @Test
    void anEmptyEnvironmentGivesTheSeedDefaultsAndTheInMemoryParts() {
        ServerConfig config = ServerConfig.defaults();

        assertThat(config.port()).isEqualTo(8003);
        assertThat(config.store()).isEqualTo(ServerConfig.StoreType.MEMORY);
        assertThat(config.broker()).isEqualTo(ServerConfig.BrokerType.MEMORY);
        assertThat(config.maxRetryAttempts()).isEqualTo(3);
        assertThat(config.eventTtlDays()).isEqualTo(30);
        assertThat(config.tenantIsolation()).isTrue();
        assertThat(config.maxEventBytes()).isEqualTo(262_144);
        assertThat(config.webhookTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.pullLease()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.requestReadTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.maxRequestsPerClient()).isEqualTo(256);
        assertThat(config.apiKeys().isEnabled()).isFalse();
        assertThat(config.corsOrigins()).isEmpty();
        assertThat(config.rateLimit()).as("no rate limit unless asked").isNull();
        assertThat(config.webhookDenyPrivate()).isFalse();
        assertThat(config.debug()).isFalse();
        assertThat(config.logFormat()).isEqualTo(ServerConfig.LogFormat.TEXT);
        assertThat(config.shutdownTimeout()).isEqualTo(Duration.ofSeconds(25));
        assertThat(config.componentsChoice()).isEqualTo("store memory (EVENTBUS_STORE and EVENTBUS_POSTGRES_HOST unset), "
                + "broker memory (EVENTBUS_BROKER_TYPE and EVENTBUS_REDIS_HOST unset)");
    }

    @Test
    void aRateLimitIsReadWithTheBurstDefaultingToTheRate() {
        assertThat(ServerConfig.fromEnvironment(Map.of("EVENTBUS_RATE_LIMIT_PER_SECOND", "50")).rateLimit())
                .isEqualTo(new RateLimit(50, 50));
        assertThat(ServerConfig.fromEnvironment(Map.of("EVENTBUS_RATE_LIMIT_PER_SECOND", "50",
                "EVENTBUS_RATE_LIMIT_BURST", "200")).rateLimit()).isEqualTo(new RateLimit(50, 200));
    }

    @Test
    void aBurstWithoutARateOrARateBelowOneIsRefusedNamingTheVariable() {
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("EVENTBUS_RATE_LIMIT_BURST", "10")))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("EVENTBUS_RATE_LIMIT_BURST must be set together with EVENTBUS_RATE_LIMIT_PER_SECOND");
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("EVENTBUS_RATE_LIMIT_PER_SECOND", "0")))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("EVENTBUS_RATE_LIMIT_PER_SECOND must be an integer between 1 and");
    }

    @Test
    void theLiveTailsTimingsHaveDefaultsAndAnIdleTimeoutNoLongerThanTheHeartbeatIsRefused() {
        ServerConfig.StreamTimings defaults = ServerConfig.defaults().streamTimings();
        assertThat(defaults).isEqualTo(new ServerConfig.StreamTimings(Duration.ofSeconds(1), Duration.ofSeconds(1), 1000,
                Duration.ofSeconds(30)));
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("EVENTBUS_STREAM_HEARTBEAT_MS", "2000",
                "EVENTBUS_STREAM_IDLE_TIMEOUT_MS", "2000")))
                .isInstanceOf(ValidationException.class)
                .hasMessage("EVENTBUS_STREAM_IDLE_TIMEOUT_MS must be longer than EVENTBUS_STREAM_HEARTBEAT_MS (2000); got '2000'");
    }

    @Test
    void theCircuitBreakerSettingsAreReadAndBadOnesRefusedNamingTheVariable() {
        assertThat(ServerConfig.defaults().circuitPolicy()).isEqualTo(CircuitPolicy.DEFAULTS);
        assertThat(ServerConfig.fromEnvironment(Map.of("EVENTBUS_DISABLE_AFTER", "PT12H",
                "EVENTBUS_CIRCUIT_FAILURE_THRESHOLD", "3", "EVENTBUS_CIRCUIT_COOL_DOWN_MS", "5000")).circuitPolicy())
                .isEqualTo(new CircuitPolicy(3, Duration.ofSeconds(5), Duration.ofHours(12)));
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("EVENTBUS_DISABLE_AFTER", "5 days")))
                .hasMessageContaining("EVENTBUS_DISABLE_AFTER must be a positive ISO-8601 duration");
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("EVENTBUS_DISABLE_AFTER", "PT0S")))
                .hasMessageContaining("EVENTBUS_DISABLE_AFTER");
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("EVENTBUS_CIRCUIT_FAILURE_THRESHOLD", "0")))
                .hasMessageContaining("EVENTBUS_CIRCUIT_FAILURE_THRESHOLD");
    }

    @Test
    void corsOriginsAreReadAsAListOrAStar() {
        assertThat(ServerConfig.fromEnvironment(Map.of("EVENTBUS_CORS_ORIGINS", " https://a.example , http://localhost:3000"))
                .corsOrigins()).containsExactly("https://a.example", "http://localhost:3000");
        assertThat(ServerConfig.fromEnvironment(Map.of("EVENTBUS_CORS_ORIGINS", "*")).corsOrigins()).containsExactly("*");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"https://a.example/path", "a.example", "*,https://a.example", "ftp://a.example"})
    void aCorsOriginThatNoBrowserSendsIsRefusedNamingTheVariable(String origins) {
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("EVENTBUS_CORS_ORIGINS", origins)))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("EVENTBUS_CORS_ORIGINS must be")
                .hasMessageContaining(origins);
    }

    @Test
    void theSeedsDeploymentSnippetsSettingOnlyTheHostsGetPostgresAndRedis() {
        ServerConfig config = ServerConfig.fromEnvironment(Map.of(
                "EVENTBUS_REDIS_HOST", "redis", "EVENTBUS_POSTGRES_HOST", "postgres"));

        assertThat(config.store()).isEqualTo(ServerConfig.StoreType.POSTGRES);
        assertThat(config.broker()).isEqualTo(ServerConfig.BrokerType.REDIS);
        assertThat(config.componentsChoice()).isEqualTo(
                "store postgres (EVENTBUS_POSTGRES_HOST set, EVENTBUS_STORE unset), "
                        + "broker redis (EVENTBUS_REDIS_HOST set, EVENTBUS_BROKER_TYPE unset)");
    }

    @Test
    void anExplicitStoreAndBrokerWinOverTheHostVariables() {
        ServerConfig config = ServerConfig.fromEnvironment(Map.of(
                "EVENTBUS_STORE", "memory", "EVENTBUS_POSTGRES_HOST", "postgres",
                "EVENTBUS_BROKER_TYPE", "kafka", "EVENTBUS_REDIS_HOST", "redis"));

        assertThat(config.store()).isEqualTo(ServerConfig.StoreType.MEMORY);
        assertThat(config.broker()).isEqualTo(ServerConfig.BrokerType.KAFKA);
        assertThat(config.componentsChoice())
                .isEqualTo("store memory (EVENTBUS_STORE=memory), broker kafka (EVENTBUS_BROKER_TYPE=kafka)");
    }

    @Test
    void everyVariableIsRead() {
        ServerConfig config = ServerConfig.fromEnvironment(Map.ofEntries(
                Map.entry("EVENTBUS_SERVICE_PORT", "9000"),
                Map.entry("EVENTBUS_STORE", "postgres"),
                Map.entry("EVENTBUS_BROKER_TYPE", "Kafka"),
                Map.entry("EVENTBUS_MAX_RETRY_ATTEMPTS", "5"),
                Map.entry("EVENTBUS_EVENT_TTL_DAYS", "7"),
                Map.entry("EVENTBUS_ENABLE_TENANT_ISOLATION", "FALSE"),
                Map.entry("EVENTBUS_MAX_EVENT_BYTES", "1048576"),
                Map.entry("EVENTBUS_WEBHOOK_TIMEOUT_MS", "2500"),
                Map.entry("EVENTBUS_PULL_LEASE_MS", "60000"),
                Map.entry("EVENTBUS_REQUEST_READ_TIMEOUT_MS", "2000"),
                Map.entry("EVENTBUS_MAX_REQUESTS_PER_CLIENT", "32"),
                Map.entry("EVENTBUS_API_KEYS", "k:*"),
                Map.entry("EVENTBUS_DEBUG", "true"),
                Map.entry("EVENTBUS_LOG_FORMAT", "json"),
                Map.entry("EVENTBUS_SHUTDOWN_TIMEOUT_MS", "5000"),
                Map.entry("EVENTBUS_KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"),
                Map.entry("PATH", "/usr/bin")));

        assertThat(config.port()).isEqualTo(9000);
        assertThat(config.store()).isEqualTo(ServerConfig.StoreType.POSTGRES);
        assertThat(config.broker()).isEqualTo(ServerConfig.BrokerType.KAFKA);
        assertThat(config.maxRetryAttempts()).isEqualTo(5);
        assertThat(config.eventTtlDays()).isEqualTo(7);
        assertThat(config.tenantIsolation()).isFalse();
        assertThat(config.maxEventBytes()).isEqualTo(1_048_576);
        assertThat(config.webhookTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(config.pullLease()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.requestReadTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.maxRequestsPerClient()).isEqualTo(32);
        assertThat(config.apiKeys().isEnabled()).isTrue();
        assertThat(config.debug()).isTrue();
        assertThat(config.logFormat()).isEqualTo(ServerConfig.LogFormat.JSON);
        assertThat(config.shutdownTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.environment()).containsEntry("EVENTBUS_KAFKA_BOOTSTRAP_SERVERS", "localhost:9092")
                .doesNotContainKey("PATH");
    }

    @Test
    void aBlankValueCountsAsUnset() {
        assertThat(ServerConfig.fromEnvironment(Map.of("EVENTBUS_SERVICE_PORT", "  ")).port()).isEqualTo(8003);
    }

    @ParameterizedTest(name = "{0}={1} is refused")
    @CsvSource({
            "EVENTBUS_SERVICE_PORT, abc",
            "EVENTBUS_SERVICE_PORT, 70000",
            "EVENTBUS_STORE, mysql",
            "EVENTBUS_BROKER_TYPE, nats",
            "EVENTBUS_MAX_RETRY_ATTEMPTS, 0",
            "EVENTBUS_EVENT_TTL_DAYS, -1",
            "EVENTBUS_ENABLE_TENANT_ISOLATION, yes",
            "EVENTBUS_MAX_EVENT_BYTES, 10",
            "EVENTBUS_WEBHOOK_TIMEOUT_MS, 1.5",
            "EVENTBUS_PULL_LEASE_MS, 10",
            "EVENTBUS_REQUEST_READ_TIMEOUT_MS, 0",
            "EVENTBUS_MAX_REQUESTS_PER_CLIENT, 0",
            "EVENTBUS_DEBUG, on",
            "EVENTBUS_LOG_FORMAT, xml",
            "EVENTBUS_SHUTDOWN_TIMEOUT_MS, 10",
            "EVENTBUS_STREAM_HEARTBEAT_MS, 0",
            "EVENTBUS_STREAM_POLL_MS, abc",
            "EVENTBUS_STREAM_BUFFER, 0",
            "EVENTBUS_STREAM_IDLE_TIMEOUT_MS, 50"})
    void aBadValueIsRefusedNamingTheVariableAndTheValue(String variable, String value) {
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of(variable, value)))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo(variable);
                    assertThat(e.code()).isEqualTo("invalid_configuration");
                })
                .hasMessageContaining(variable)
                .hasMessageContaining("'" + value + "'");
    }

    @Test
    void apiKeysMapToTheirTenantOrToThePlatform() {
        UUID tenant = UUID.randomUUID();
        ApiKeys keys = ApiKeys.parse("crm-key:" + tenant + ", agents-key:*");

        Caller crm = keys.lookup("crm-key").orElseThrow();
        Caller agents = keys.lookup("agents-key").orElseThrow();
        assertThat(crm.tenantId()).isEqualTo(tenant);
        assertThat(crm.scopes()).isEqualTo(Scope.ALL);
        assertThat(crm.keyName()).isEqualTo("EVENTBUS_API_KEYS entry 1");
        assertThat(agents.isPlatform()).isTrue();
        assertThat(agents.keyId()).isNotNull().isNotEqualTo(crm.keyId());
        assertThat(keys.lookup("crm")).isEmpty();
        assertThat(keys.toString()).doesNotContain("crm-key");
    }

    @ParameterizedTest(name = "EVENTBUS_API_KEYS={0} is refused")
    @CsvSource(delimiter = '|', value = {
            "key-without-scope       | entry 1",
            "k1:*,:*                 | entry 2",
            "k1:not-a-uuid           | 'not-a-uuid'",
            "k1:*,k1:*               | repeats",
            "k1:*,,k2:*              | entry 2"})
    void malformedApiKeysAreRefusedWithoutPrintingTheKeys(String spec, String expected) {
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("EVENTBUS_API_KEYS", spec)))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.field()).isEqualTo("EVENTBUS_API_KEYS"))
                .hasMessageContaining("EVENTBUS_API_KEYS")
                .hasMessageContaining(expected)
                .hasMessageNotContaining("key-without-scope");
    }

    @Test
    void theDescriptionLeavesOutTheEnvironmentWithItsPasswords() {
        ServerConfig config = ServerConfig.fromEnvironment(Map.of("EVENTBUS_POSTGRES_PASSWORD", "securepassword"));

        assertThat(config.toString()).doesNotContain("securepassword");
    }
}
