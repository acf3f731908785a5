package com.bizosaas.eventbus.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.contract.Await;
import com.bizosaas.eventbus.server.TestHttp.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Content filters and delivery rates over HTTP: refused when bad, shown when set, applied to deliveries. */
class SubscriptionFiltersIT {
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withDefaults();

    private final TestHttp http = SERVER.http();
    private final String tenant = UUID.randomUUID().toString();

    @Test
    void aBadFilterIsRefusedNamingItsPathAndCreatesNothing() {
        Reply reply = subscribe("\"filter\": {\"data\": {\"score\": [{\"numeric\": [\"~\", 70]}]}}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("error").asText()).isEqualTo("invalid_filter");
        assertThat(reply.json().get("field").asText()).isEqualTo("filter");
        assertThat(reply.json().get("message").asText()).startsWith("filter.data.score[0].numeric[0] must be");
        assertThat(http.get("/subscriptions?tenant_id=" + tenant).json().get("count").asInt()).isZero();
    }

    @Test
    void aFilterThatIsNotAnObjectIsRefused() {
        Reply reply = subscribe("\"filter\": [\"crm-service\"]");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("field").asText()).isEqualTo("filter");
    }

    @Test
    void theFilterAndRateAreShownAsGiven() {
        Reply created = subscribe("\"webhook_url\": \"http://crm.internal:8080/hook\", \"max_per_second\": 20, "
                + "\"filter\": {\"source_service\": [\"crm-service\"]}");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode shown = http.get("/subscriptions/" + created.json().get("subscription_id").asText()).json();
        assertThat(shown.get("filter").toString()).isEqualTo("{\"source_service\":[\"crm-service\"]}");
        assertThat(shown.get("max_per_second").asInt()).isEqualTo(20);
    }

    @Test
    void aRateIsOnlyForWebhooksAndWithinItsRange() {
        Reply pull = subscribe("\"max_per_second\": 5");
        Reply zero = subscribe("\"webhook_url\": \"http://crm.internal:8080/hook\", \"max_per_second\": 0");

        assertThat(pull.status()).isEqualTo(400);
        assertThat(pull.json().get("field").asText()).isEqualTo("max_per_second");
        assertThat(zero.status()).isEqualTo(400);
        assertThat(zero.json().get("field").asText()).isEqualTo("max_per_second");
    }

    @Test
    void onlyMatchingEventsAreDelivered() {
        String subscription = subscribe("\"filter\": {\"data\": {\"score\": [{\"numeric\": [\">=\", 70]}]}}")
                .json().get("subscription_id").asText();
        publish(50);
        String hot = publish(90);
        publish(69);
        String last = publish(70);

        List<String> pulled = new ArrayList<>();
        Await.until("the matching events were pulled", () -> {
            pull(subscription).forEach(p -> pulled.add(p.get("event").get("id").asText()));
            return pulled.size() >= 2;
        });
        assertThat(pulled).containsExactly(hot, last);
    }

    private Reply subscribe(String extraFields) {
        return http.post("/events/subscribe", """
                {"event_type": "lead.created", "service_name": "sales", "tenant_id": "%s", %s}"""
                .formatted(tenant, extraFields));
    }

    private String publish(int score) {
        return http.post("/events/publish", """
                {"event_type": "lead.created", "tenant_id": "%s", "subject": "lead-1", "data": {"score": %d}}"""
                .formatted(tenant, score)).json().get("event_id").asText();
    }

    private List<JsonNode> pull(String subscription) {
        Reply reply = http.post("/subscriptions/" + subscription + "/pull", "{\"wait_ms\": 1000}");
        List<JsonNode> events = new ArrayList<>();
        reply.json().get("events").forEach(events::add);
        List<String> ackIds = events.stream().map(e -> "\"" + e.get("ack_id").asText() + "\"").toList();
        if (!ackIds.isEmpty()) {
            http.post("/subscriptions/" + subscription + "/ack", "{\"ack_ids\": " + ackIds + "}");
        }
        return events;
    }
}
