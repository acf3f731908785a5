package com.bizosaas.eventbus.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.server.TestHttp.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Administrative actions land in the audit log with the acting key; a tenant admin key sees its own tenant's only. */
class AuditLogIT {
    private static final String ROOT = "audit-root-key";

    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withEnvironment(Map.of("EVENTBUS_API_KEYS", ROOT + ":*"));

    private final TestHttp http = SERVER.http();

    @Test
    void everyAdministrativeActionIsRecordedWithTheActingKeyAndNoSecret() {
        String tenant = UUID.randomUUID().toString();
        Reply adminKey = http.post("/admin/api-keys", "{\"name\": \"tenant ops\", \"tenant_id\": \"" + tenant
                + "\", \"scopes\": [\"admin\", \"subscribe\", \"publish\", \"read\"]}", "X-API-Key", ROOT);
        String secret = adminKey.json().get("key").asText();
        String keyId = adminKey.json().get("id").asText();

        String sub = http.post("/events/subscribe", "{\"event_type\": \"lead.*\", \"service_name\": \"crm\"}",
                "X-API-Key", secret).json().get("subscription_id").asText();
        http.post("/subscriptions/" + sub + "/pause", "{}", "X-API-Key", secret);
        http.post("/subscriptions/" + sub + "/resume", "{}", "X-API-Key", secret);
        http.post("/subscriptions/" + sub + "/replay", "{}", "X-API-Key", secret);
        http.post("/dead-letters/redrive", "{}", "X-API-Key", secret);
        http.put("/admin/tenants/" + tenant + "/rate-limit", "{\"per_second\": 50}", "X-API-Key", ROOT);
        http.delete("/subscriptions/" + sub, "X-API-Key", secret);
        http.delete("/admin/api-keys/" + keyId, "X-API-Key", ROOT);

        JsonNode entries = http.get("/admin/audit?tenant_id=" + tenant, "X-API-Key", ROOT).json().get("entries");
        List<String> actions = new ArrayList<>();
        entries.forEach(e -> actions.add(e.get("action").asText()));
        assertThat(actions).containsExactly("api_key.revoked", "subscription.deleted", "rate_limit.changed",
                "dead_letters.redriven", "replay.started", "subscription.resumed", "subscription.paused",
                "subscription.created", "api_key.created");
        JsonNode paused = entries.get(6);
        assertThat(paused.get("actor_key_id").asText()).isEqualTo(keyId);
        assertThat(paused.get("actor_name").asText()).isEqualTo("tenant ops");
        assertThat(paused.get("target").asText()).isEqualTo(sub);
        assertThat(paused.get("time").asText()).isNotBlank();
        assertThat(entries.get(2).get("actor_name").asText()).isEqualTo("EVENTBUS_API_KEYS entry 1");
        assertThat(entries.get(2).get("details").get("per_second").asInt()).isEqualTo(50);
        assertThat(entries.toString()).doesNotContain(secret).doesNotContain(ROOT);
    }

    @Test
    void aTenantAdminKeyPagesThroughItsOwnTenantsEntriesOnly() {
        String tenant = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        String secret = http.post("/admin/api-keys", "{\"name\": \"a\", \"tenant_id\": \"" + tenant
                + "\", \"scopes\": [\"admin\", \"subscribe\"]}", "X-API-Key", ROOT).json().get("key").asText();
        for (int i = 0; i < 3; i++) {
            http.post("/events/subscribe", "{\"event_type\": \"lead.*\", \"service_name\": \"s" + i + "\"}",
                    "X-API-Key", secret);
            http.post("/events/subscribe", "{\"tenant_id\": \"" + other + "\", \"event_type\": \"lead.*\","
                    + " \"service_name\": \"o\"}", "X-API-Key", ROOT);
        }

        Reply first = http.get("/admin/audit?limit=2", "X-API-Key", secret);
        Reply second = http.get("/admin/audit?limit=2&before=" + first.json().get("next_cursor").asLong(),
                "X-API-Key", secret);

        assertThat(first.json().get("count").asInt()).isEqualTo(2);
        assertThat(second.json().get("count").asInt()).isEqualTo(2);
        assertThat(second.json().get("next_cursor").isNull()).isTrue();
        assertThat(first.body() + second.body()).doesNotContain(other);
        assertThat(http.get("/admin/audit?tenant_id=" + other, "X-API-Key", secret).status()).isEqualTo(403);
        assertThat(http.get("/admin/audit?limit=0", "X-API-Key", secret).status()).isEqualTo(400);
    }
}
