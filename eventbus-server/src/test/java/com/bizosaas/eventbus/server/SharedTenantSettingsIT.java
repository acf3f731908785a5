package com.bizosaas.eventbus.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.contract.Await;
import com.bizosaas.eventbus.server.TestHttp.Reply;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Tenant settings are kept in the store: a rate-limit override or encryption policy set through one
 * instance applies on another within seconds, and survives a restart.
 */
class SharedTenantSettingsIT {

    /** The shared PostgreSQL has few connections to spare for two instances. */
    private static Map<String, String> environment(String schema) {
        Map<String, String> env = new HashMap<>(PostgresStoreIT.environment(schema));
        env.put("EVENTBUS_POSTGRES_POOL_SIZE", "4");
        env.put("EVENTBUS_MASTER_KEY", EncryptionIT.MASTER_KEY);
        return env;
    }

    @Test
    void settingsChangedThroughOneInstanceApplyOnAnotherAndAfterARestart() {
        ServiceCheck.requireReachable("postgres");
        String schema = "ratelimit_it_" + UUID.randomUUID().toString().substring(0, 8);
        String tenant = UUID.randomUUID().toString();
        String path = "/admin/tenants/" + tenant + "/rate-limit";
        try {
            try (RunningServer one = EventBusServer.start(ServerConfig.fromEnvironment(environment(schema)));
                 RunningServer two = EventBusServer.start(ServerConfig.fromEnvironment(environment(schema)))) {
                TestHttp first = new TestHttp("http://127.0.0.1:" + one.port());
                TestHttp second = new TestHttp("http://127.0.0.1:" + two.port());

                assertThat(first.put(path, "{\"per_second\": 1, \"burst\": 1}").status()).isEqualTo(200);

                Await.until("the other instance applies the override", Duration.ofSeconds(5),
                        () -> second.get(path).json().get("source").asText().equals("override"));
                String event = "{\"event_type\": \"lead.created\", \"tenant_id\": \"" + tenant + "\"}";
                Reply accepted = second.post("/events/publish", event);
                Reply refused = second.post("/events/publish", event);
                assertThat(accepted.status()).isEqualTo(201);
                assertThat(refused.status()).isEqualTo(429);

                String encryption = "/admin/tenants/" + tenant + "/encryption";
                assertThat(first.put(encryption, "{\"policy\": \"all\"}").status()).isEqualTo(200);
                Await.until("the other instance applies the encryption policy", Duration.ofSeconds(5),
                        () -> second.get(encryption).json().get("policy").asText().equals("all"));
            }
            try (RunningServer restarted = EventBusServer.start(
                    ServerConfig.fromEnvironment(environment(schema)))) {
                Reply limit = new TestHttp("http://127.0.0.1:" + restarted.port()).get(path);
                assertThat(limit.json().get("per_second").asInt()).isEqualTo(1);
                assertThat(limit.json().get("source").asText()).isEqualTo("override");
            }
        } finally {
            PostgresStoreIT.dropSchema(schema);
        }
    }
}
