package com.bizosaas.eventbus.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.contract.Await;
import com.bizosaas.eventbus.testing.WebhookReceiver;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The circuit breaker over HTTP: shown on the subscription, counted in the metrics, configured by environment. */
class CircuitBreakerIT {
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withEnvironment(Map.of(
            "EVENTBUS_CIRCUIT_FAILURE_THRESHOLD", "2", "EVENTBUS_CIRCUIT_COOL_DOWN_MS", "500",
            "EVENTBUS_MAX_RETRY_ATTEMPTS", "2"));

    private final TestHttp http = SERVER.http();
    private final String tenant = UUID.randomUUID().toString();

    @Test
    void anOpenCircuitIsShownAndCountedAndClosesWhenTheEndpointRecovers() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            receiver.answer(503);
            String id = http.post("/events/subscribe", """
                    {"event_type": "lead.created", "service_name": "crm", "tenant_id": "%s", "webhook_url": "%s"}"""
                    .formatted(tenant, receiver.url())).json().get("subscription_id").asText();
            assertThat(circuit(id).get("state").asText()).as("a new webhook's circuit").isEqualTo("closed");
            for (int i = 0; i < 3; i++) {
                http.post("/events/publish", """
                        {"event_type": "lead.created", "tenant_id": "%s", "subject": "lead-%d"}""".formatted(tenant, i));
            }

            Await.until("the circuit is shown open", () -> circuit(id).get("state").asText().equals("open"));
            JsonNode open = circuit(id);
            assertThat(open.get("reason").asText()).contains("503");
            assertThat(Instant.parse(open.get("next_probe_at").asText()))
                    .isAfter(Instant.parse(open.get("opened_at").asText()));
            assertThat(http.get("/metrics").body()).containsPattern("subscription_circuits\\{state=\"open\"\\} [1-9]");

            receiver.answer(200);

            Await.until("the circuit is shown closed", () -> circuit(id).get("state").asText().equals("closed"));
            Await.until("every event was delivered", () -> receiver.accepted().size() >= 3);
            assertThat(http.get("/dead-letters?subscription_id=" + id).json().get("dead_letters")).isEmpty();
            JsonNode opened = http.post("/events/history", """
                    {"tenant_id": "%s", "event_types": ["subscription.circuit_opened", "subscription.circuit_closed"]}"""
                    .formatted(tenant)).json();
            assertThat(opened.get("count").asInt()).as("opened and closed announced to the tenant").isEqualTo(2);
        }
    }

    private JsonNode circuit(String subscriptionId) {
        return http.get("/subscriptions/" + subscriptionId).json().get("circuit");
    }
}
