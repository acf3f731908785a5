package com.bizosaas.eventbus.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.server.TestHttp.Reply;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With EVENTBUS_API_KEYS set, requests need a key, and a tenant key acts for its tenant only. */
class ApiKeysIT {
    private static final String TENANT = UUID.randomUUID().toString();
    private static final String OTHER_TENANT = UUID.randomUUID().toString();

    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withEnvironment(Map.of(
            "EVENTBUS_API_KEYS", "crm-key:" + TENANT + ",agents-key:*"));

    private final TestHttp http = SERVER.http();

    @Test
    void aRequestWithoutAKeyIsUnauthorized() {
        Reply reply = http.post("/events/publish", event(TENANT));

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.json().get("error").asText()).isEqualTo("unauthorized");
        assertThat(reply.header("WWW-Authenticate")).isEqualTo("Bearer");
    }

    @Test
    void anUnknownKeyIsUnauthorized() {
        assertThat(http.post("/events/publish", event(TENANT), "X-API-Key", "guess").status()).isEqualTo(401);
        assertThat(http.get("/subscriptions", "Authorization", "Bearer guess").status()).isEqualTo(401);
    }

    @Test
    void aTenantKeyPublishesForItsOwnTenant() {
        assertThat(http.post("/events/publish", event(TENANT), "X-API-Key", "crm-key").status()).isEqualTo(201);
        assertThat(http.post("/events/publish", event(TENANT), "Authorization", "Bearer crm-key").status())
                .isEqualTo(201);
    }

    @Test
    void aTenantKeyMayNotPublishOrReadForAnotherTenant() {
        Reply publish = http.post("/events/publish", event(OTHER_TENANT), "X-API-Key", "crm-key");
        Reply history = http.post("/events/history", "{\"tenant_id\": \"%s\"}".formatted(OTHER_TENANT),
                "X-API-Key", "crm-key");

        assertThat(publish.status()).isEqualTo(403);
        assertThat(publish.json().get("error").asText()).isEqualTo("forbidden");
        assertThat(history.status()).isEqualTo(403);
        assertThat(http.post("/events/history", "{\"tenant_id\": \"%s\"}".formatted(OTHER_TENANT),
                "X-API-Key", "agents-key").json().get("count").asInt()).isZero();
    }

    @Test
    void aPlatformKeyActsForEveryTenant() {
        assertThat(http.post("/events/publish", event(OTHER_TENANT), "X-API-Key", "agents-key").status())
                .isEqualTo(201);
    }

    @Test
    void aTenantKeySubscribesForItsTenantAndSeesOnlyItsSubscriptions() {
        Reply platformWide = http.post("/events/subscribe",
                "{\"event_type\": \"ai.*\", \"service_name\": \"ai-agents\"}", "X-API-Key", "agents-key");
        Reply own = http.post("/events/subscribe", "{\"event_type\": \"lead.*\", \"service_name\": \"crm\"}",
                "X-API-Key", "crm-key");

        assertThat(own.json().get("tenant_id").asText()).isEqualTo(TENANT);
        String platformId = platformWide.json().get("subscription_id").asText();
        assertThat(http.get("/subscriptions/" + platformId, "X-API-Key", "crm-key").status()).isEqualTo(404);
        assertThat(http.get("/subscriptions", "X-API-Key", "crm-key").body()).doesNotContain(platformId);
        assertThat(http.get("/subscriptions", "X-API-Key", "agents-key").body()).contains(platformId);
    }

    @Test
    void aTenantKeyMayNotListAnotherTenantsSubscriptions() {
        String otherSubscription = http.post("/events/subscribe", """
                {"event_type": "lead.*", "service_name": "other-crm", "tenant_id": "%s"}""".formatted(OTHER_TENANT),
                "X-API-Key", "agents-key").json().get("subscription_id").asText();

        Reply other = http.get("/subscriptions?tenant_id=" + OTHER_TENANT, "X-API-Key", "crm-key");
        Reply own = http.get("/subscriptions?tenant_id=" + TENANT, "X-API-Key", "crm-key");
        Reply platform = http.get("/subscriptions?tenant_id=" + OTHER_TENANT, "X-API-Key", "agents-key");

        assertThat(other.status()).isEqualTo(403);
        assertThat(other.json().get("error").asText()).isEqualTo("forbidden");
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.body()).doesNotContain(otherSubscription);
        assertThat(platform.json().get("subscriptions")).allSatisfy(
                s -> assertThat(s.get("tenant_id").asText()).isEqualTo(OTHER_TENANT));
        assertThat(platform.body()).contains(otherSubscription);
    }

    @Test
    void aReplayOfAnotherTenantsSubscriptionAnswersLikeAnUnknownOne() {
        String otherSubscription = http.post("/events/subscribe", """
                {"event_type": "lead.*", "service_name": "other-crm", "tenant_id": "%s"}""".formatted(OTHER_TENANT),
                "X-API-Key", "agents-key").json().get("subscription_id").asText();
        String unknown = UUID.randomUUID().toString();

        Reply byTenantKey = http.post("/events/replay", "{\"subscription_id\": \"%s\"}".formatted(otherSubscription),
                "X-API-Key", "crm-key");
        Reply forAnotherTenant = http.post("/subscriptions/" + otherSubscription + "/replay",
                "{\"tenant_id\": \"%s\"}".formatted(TENANT), "X-API-Key", "agents-key");
        Reply ofAnUnknownOne = http.post("/events/replay", "{\"subscription_id\": \"%s\"}".formatted(unknown),
                "X-API-Key", "crm-key");

        assertThat(byTenantKey.status()).isEqualTo(404);
        assertThat(forAnotherTenant.status()).isEqualTo(404);
        assertThat(forAnotherTenant.json().get("error").asText()).isEqualTo(ofAnUnknownOne.json().get("error").asText());
        assertThat(forAnotherTenant.body()).doesNotContain("belongs").doesNotContain("another tenant");
    }

    @Test
    void onlyAPlatformKeyMayReadOrOverrideATenantsRateLimit() {
        String path = "/admin/tenants/" + TENANT + "/rate-limit";
        String body = "{\"per_second\": 5, \"burst\": 10}";

        for (Reply refused : List.of(http.get(path, "X-API-Key", "crm-key"), http.put(path, body, "X-API-Key", "crm-key"),
                http.get("/admin/tenants/" + OTHER_TENANT + "/rate-limit", "X-API-Key", "crm-key"))) {
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.json().get("error").asText()).isEqualTo("forbidden");
        }
        assertThat(http.get(path).status()).isEqualTo(401);
        assertThat(http.put(path, body).status()).isEqualTo(401);
        assertThat(http.get(path, "X-API-Key", "agents-key").json().get("source").asText())
                .as("the refused calls changed nothing").isEqualTo("default");

        assertThat(http.put(path, body, "X-API-Key", "agents-key").status()).isEqualTo(200);
        assertThat(http.get(path, "X-API-Key", "agents-key").json().get("burst").asInt()).isEqualTo(10);
    }

    @Test
    void probesMetricsAndDocsNeedNoKey() {
        assertThat(http.get("/health").status()).isEqualTo(200);
        assertThat(http.get("/health/ready").status()).isEqualTo(200);
        assertThat(http.get("/metrics").status()).isEqualTo(200);
        assertThat(http.get("/openapi.json").status()).isEqualTo(200);
        Reply docs = http.get("/docs");
        assertThat(docs.status()).isEqualTo(200);
        Matcher script = Pattern.compile("<script src=\"([^\"]+)\"").matcher(docs.body());
        assertThat(script.find()).isTrue();
        assertThat(http.get(script.group(1)).status()).isEqualTo(200);
        assertThat(http.get("/redoc").status()).isEqualTo(200);
    }

    private static String event(String tenant) {
        return "{\"event_type\": \"lead.created\", \"tenant_id\": \"%s\"}".formatted(tenant);
    }
}
