package com.bizosaas.eventbus.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** EVENTBUS_ENABLE_TENANT_ISOLATION=false: keys are still required, but any valid key acts for any tenant. */
class TenantIsolationOffIT {
    private static final String TENANT = UUID.randomUUID().toString();

    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withEnvironment(Map.of(
            "EVENTBUS_API_KEYS", "crm-key:" + TENANT,
            "EVENTBUS_ENABLE_TENANT_ISOLATION", "false"));

    private final TestHttp http = SERVER.http();

    @Test
    void aTenantKeyMayActForAnotherTenant() {
        String other = UUID.randomUUID().toString();

        assertThat(http.post("/events/publish", "{\"event_type\": \"lead.created\", \"tenant_id\": \"%s\"}"
                .formatted(other), "X-API-Key", "crm-key").status()).isEqualTo(201);
        assertThat(http.post("/events/history", "{\"tenant_id\": \"%s\"}".formatted(other), "X-API-Key", "crm-key")
                .json().get("count").asInt()).isEqualTo(1);
    }

    @Test
    void aKeyIsStillRequired() {
        assertThat(http.get("/subscriptions").status()).isEqualTo(401);
    }
}
