package com.bizosaas.eventbus.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.server.TestHttp.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A pulled event whose lease runs out without an ack comes back as the next attempt, on the
 * in-memory store and on PostgreSQL: the expired lease counts as an attempt.
 */
class PullLeaseExpiryIT {
    private static final String ONE_SECOND_LEASE = "1000";

    @Test
    void anEventRedeliveredAfterItsLeaseExpiredIsTheNextAttemptInMemory() {
        try (RunningServer server = EventBusServer.start(ServerConfig.fromEnvironment(Map.of(
                "EVENTBUS_SERVICE_PORT", "0", "EVENTBUS_PULL_LEASE_MS", ONE_SECOND_LEASE)))) {
            redeliveryAfterAnExpiredLeaseIsTheNextAttempt(new TestHttp("http://127.0.0.1:" + server.port()));
        }
    }

    @Test
    void anEventRedeliveredAfterItsLeaseExpiredIsTheNextAttemptOnPostgres() {
        ServiceCheck.requireReachable("postgres");
        String schema = "server_it_" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> environment = new HashMap<>(PostgresStoreIT.environment(schema));
        environment.put("EVENTBUS_PULL_LEASE_MS", ONE_SECOND_LEASE);
        try (RunningServer server = EventBusServer.start(ServerConfig.fromEnvironment(environment))) {
            redeliveryAfterAnExpiredLeaseIsTheNextAttempt(new TestHttp("http://127.0.0.1:" + server.port()));
        } finally {
            PostgresStoreIT.dropSchema(schema);
        }
    }

    private static void redeliveryAfterAnExpiredLeaseIsTheNextAttempt(TestHttp http) {
        String tenant = UUID.randomUUID().toString();
        String subscription = http.post("/events/subscribe", """
                {"event_type": "lead.*", "service_name": "crm-worker", "tenant_id": "%s"}""".formatted(tenant))
                .json().get("subscription_id").asText();
        Reply published = http.post("/events/publish",
                "{\"event_type\": \"lead.created\", \"tenant_id\": \"%s\"}".formatted(tenant));
        assertThat(published.status()).as(published.body()).isEqualTo(201);

        JsonNode first = pullOne(http, subscription);
        assertThat(first.get("attempt").asInt()).isEqualTo(1);
        // No ack: the long poll below returns once the one-second lease has run out.
        JsonNode second = pullOne(http, subscription);
        assertThat(second.get("event").get("id").asText()).isEqualTo(first.get("event").get("id").asText());
        assertThat(second.get("attempt").asInt()).as("the expired lease was attempt 1").isEqualTo(2);

        Reply ack = http.post("/subscriptions/" + subscription + "/ack",
                "{\"ack_ids\": [\"%s\"]}".formatted(second.get("ack_id").asText()));
        assertThat(ack.status()).as(ack.body()).isEqualTo(200);
    }

    private static JsonNode pullOne(TestHttp http, String subscription) {
        Reply reply = http.post("/subscriptions/" + subscription + "/pull", "{\"max_events\": 1, \"wait_ms\": 10000}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode events = reply.json().get("events");
        assertThat(events).as(reply.body()).hasSize(1);
        return events.get(0);
    }
}
