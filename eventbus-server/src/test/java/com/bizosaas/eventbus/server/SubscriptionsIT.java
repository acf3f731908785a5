package com.bizosaas.eventbus.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.server.TestHttp.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Managing subscriptions: listing hides secrets, pause and resume, delete. */
class SubscriptionsIT {
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withDefaults();

    private final TestHttp http = SERVER.http();
    private final String tenant = UUID.randomUUID().toString();

    @Test
    void theSecretIsShownOnlyWhenTheSubscriptionIsCreated() {
        String id = subscribe();

        JsonNode one = http.get("/subscriptions/" + id).json();
        JsonNode all = http.get("/subscriptions").json();

        assertThat(one.get("subscription_id").asText()).isEqualTo(id);
        assertThat(one.has("secret")).isFalse();
        assertThat(all.get("count").asInt()).isEqualTo(all.get("subscriptions").size());
        all.get("subscriptions").forEach(s -> assertThat(s.has("secret")).isFalse());
        assertThat(all.toString()).doesNotContain("whsec_");
    }

    @Test
    void aSubscriptionCanBePausedAndResumed() {
        String id = subscribe();

        Reply paused = http.postEmpty("/subscriptions/" + id + "/pause");
        assertThat(paused.status()).isEqualTo(200);
        assertThat(paused.json().get("status").asText()).isEqualTo("paused");
        assertThat(http.get("/subscriptions/" + id).json().get("status").asText()).isEqualTo("paused");

        Reply resumed = http.postEmpty("/subscriptions/" + id + "/resume");
        assertThat(resumed.json().get("status").asText()).isEqualTo("active");
    }

    @Test
    void aDeletedSubscriptionIsGone() {
        String id = subscribe();

        Reply deleted = http.delete("/subscriptions/" + id);

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("success").asBoolean()).isTrue();
        assertThat(http.get("/subscriptions/" + id).status()).isEqualTo(404);
        assertThat(http.delete("/subscriptions/" + id).status()).isEqualTo(404);
    }

    @Test
    void theSubscriptionKeepsTheOptionsItWasGiven() {
        JsonNode created = http.post("/events/subscribe", """
                {"event_type": "campaign.*", "service_name": "analytics", "tenant_id": "%s",
                 "webhook_url": "https://analytics.internal/hook", "max_attempts": 7, "format": "cloudevents",
                 "ordered": false}""".formatted(tenant)).json();

        assertThat(created.get("tenant_id").asText()).isEqualTo(tenant);
        assertThat(created.get("max_attempts").asInt()).isEqualTo(7);
        assertThat(created.get("format").asText()).isEqualTo("cloudevents");
        assertThat(created.get("ordered").asBoolean()).isFalse();
        assertThat(created.get("status").asText()).isEqualTo("active");
    }

    private String subscribe() {
        Reply reply = http.post("/events/subscribe", """
                {"event_type": "lead.created", "service_name": "crm", "tenant_id": "%s",
                 "webhook_url": "http://crm.internal:8080/hook"}""".formatted(tenant));
        assertThat(reply.status()).isEqualTo(201);
        return reply.json().get("subscription_id").asText();
    }
}
