package com.bizosaas.eventbus.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.contract.Await;
import com.bizosaas.eventbus.model.WireJson;
import com.bizosaas.eventbus.server.TestHttp.Reply;
import com.bizosaas.eventbus.testing.WebhookReceiver;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The whole path through each real broker: the server started with {@code EVENTBUS_BROKER_TYPE}
 * set publishes through Redis, RabbitMQ or Kafka, its dispatcher consumes the broker, and a real
 * webhook receiver gets every event exactly once. Needs the services of scripts/services.sh.
 */
class BrokersEndToEndIT {
    private static final int EVENTS = 50;

    @ParameterizedTest(name = "EVENTBUS_BROKER_TYPE={0}")
    @ValueSource(strings = {"redis", "rabbitmq", "kafka"})
    void everyPublishedEventReachesTheWebhookThroughTheBroker(String broker) throws Exception {
        ServiceCheck.requireReachable(broker);
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> env = Map.of(
                "EVENTBUS_SERVICE_PORT", "0",
                "EVENTBUS_BROKER_TYPE", broker,
                // Its own Kafka topic and group, Redis stream prefix and RabbitMQ exchange: other runs on the
                // same broker neither take this run's events nor are refused as another deployment.
                "EVENTBUS_NAMESPACE", "e2e-" + run);
        String tenant = UUID.randomUUID().toString();
        try (RunningServer server = EventBusServer.start(ServerConfig.fromEnvironment(env));
             WebhookReceiver receiver = new WebhookReceiver()) {
            TestHttp http = new TestHttp("http://127.0.0.1:" + server.port());
            Reply subscribed = http.post("/events/subscribe", "{\"event_type\": \"lead.*\", \"service_name\": \"crm\","
                    + " \"tenant_id\": \"" + tenant + "\", \"webhook_url\": \"" + receiver.url() + "\"}");
            assertThat(subscribed.status()).isEqualTo(201);

            Set<String> published = new HashSet<>();
            for (int i = 0; i < EVENTS; i++) {
                Reply reply = http.post("/events/publish", "{\"event_type\": \"lead.created\", \"tenant_id\": \""
                        + tenant + "\", \"subject\": \"lead-" + (i % 5) + "\", \"data\": {\"n\": " + i + "}}");
                assertThat(reply.status()).isEqualTo(201);
                published.add(reply.json().get("event_id").asText());
            }

            Await.until("every event reached the webhook through " + broker,
                    () -> receiver.received().size() >= EVENTS);
            Set<String> received = new HashSet<>();
            for (WebhookReceiver.Delivery d : receiver.received()) {
                JsonNode body = WireJson.reader().readTree(d.body());
                received.add(body.get("id").asText());
            }
            assertThat(received).isEqualTo(published);
            assertThat(receiver.received()).hasSize(EVENTS);
            JsonNode health = http.get("/health").json();
            assertThat(health.get("components").get(broker).get("status").asText()).isEqualTo("healthy");
        }
    }
}
