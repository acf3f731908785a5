package com.bizosaas.eventbus.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** With Redis configured, two server instances draw from one bucket per tenant: together they admit its limit once. */
class SharedRateLimitIT {
    private static final int BURST = 6;

    @Test
    void twoInstancesOnOneRedisTogetherAdmitTheTenantsLimitNotTwiceIt() {
        ServiceCheck.requireReachable("redis");
        ServiceCheck.requireReachable("postgres");
        String run = UUID.randomUUID().toString().substring(0, 8);
        // Two instances of one deployment: one store (PostgreSQL), one broker and namespace.
        Map<String, String> env = new HashMap<>(PostgresStoreIT.environment("ratelimit_it_" + run));
        env.put("EVENTBUS_BROKER_TYPE", "redis");
        // Its own keys on the shared Redis, buckets included.
        env.put("EVENTBUS_NAMESPACE", "ratelimit-" + run);
        // One token a second refills: slow next to these requests.
        env.put("EVENTBUS_RATE_LIMIT_PER_SECOND", "1");
        env.put("EVENTBUS_RATE_LIMIT_BURST", Integer.toString(BURST));
        String tenant = UUID.randomUUID().toString();
        try (RunningServer a = EventBusServer.start(ServerConfig.fromEnvironment(env));
             RunningServer b = EventBusServer.start(ServerConfig.fromEnvironment(env))) {
            TestHttp[] instances = {new TestHttp("http://127.0.0.1:" + a.port()),
                    new TestHttp("http://127.0.0.1:" + b.port())};
            int admitted = 0;
            int refused = 0;
            for (int i = 0; i < 2 * BURST; i++) {
                int status = instances[i % 2].post("/events/publish",
                        "{\"event_type\": \"lead.created\", \"tenant_id\": \"" + tenant + "\"}").status();
                if (status == 201) {
                    admitted++;
                } else if (status == 429) {
                    refused++;
                }
            }

            // A request may land just as a token refills (1 a second), hence the one of slack.
            assertThat(admitted).isBetween(BURST, BURST + 1);
            assertThat(admitted + refused).isEqualTo(2 * BURST);
        } finally {
            PostgresStoreIT.dropSchema("ratelimit_it_" + run);
        }
    }
}
