package com.bizosaas.eventbus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A server limiting every tenant to 1 event a second, burst 2: the SDK's view of rate limits. */
class RateLimitIT {
    @RegisterExtension
    static final InProcessServer SERVER = new InProcessServer()
            .with("EVENTBUS_RATE_LIMIT_PER_SECOND", "1")
            .with("EVENTBUS_RATE_LIMIT_BURST", "2");

    private final UUID tenant = UUID.randomUUID();

    @Test
    void a429IsThrownAsRateLimitedExceptionCarryingTheRetryTime() {
        EventBusClient client = SERVER.client(InProcessServer.configFor(SERVER.url(), "crm").maxAttempts(1));
        client.publish(PublishRequest.builder("lead.created", tenant).build());
        client.publish(PublishRequest.builder("lead.created", tenant).build());

        assertThatThrownBy(() -> client.publish(PublishRequest.builder("lead.created", tenant).build()))
                .isInstanceOfSatisfying(RateLimitedException.class, e -> {
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.code()).isEqualTo("rate_limited");
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(1));
                });
    }

    @Test
    void aPlatformServiceReadsAndOverridesATenantsLimit() {
        EventBusClient platform = SERVER.client("ops");

        assertThat(platform.rateLimit(tenant).get("per_second").asInt()).isEqualTo(1);
        var set = platform.setRateLimit(tenant, 100, 50);

        assertThat(set.get("per_second").asInt()).isEqualTo(100);
        assertThat(set.get("burst").asInt()).isEqualTo(50);
        assertThat(platform.rateLimit(tenant).get("source").asText()).isEqualTo("override");
        for (int i = 0; i < 10; i++) {
            platform.publish(PublishRequest.builder("lead.created", tenant).build());
        }
    }
}
