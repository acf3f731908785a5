package com.bizosaas.eventbus.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.contract.Await;
import com.bizosaas.eventbus.delivery.WebhookSignature;
import com.bizosaas.eventbus.model.WireJson;
import com.bizosaas.eventbus.server.TestHttp.Reply;
import com.bizosaas.eventbus.testing.WebhookReceiver;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real HTTP receiver subscribed through {@code POST /events/subscribe} gets the published events
 * of its tenant and pattern, signed the Standard Webhooks way with the secret the subscribe answer
 * showed; synchronous publishing reports the receiver's answer.
 */
class WebhookDeliveryIT {
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withDefaults();

    private final TestHttp http = SERVER.http();
    private final String tenant = UUID.randomUUID().toString();
    private WebhookReceiver receiver;

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void aSubscribedWebhookReceivesTheEventWithAValidSignature() throws Exception {
        String secret = subscribe("lead.*", "eventbus").get("secret").asText();

        String eventId = publish("lead.created", "{\"email\": \"john.doe@example.com\"}");

        Await.until("the receiver got the event", () -> !receiver.received().isEmpty());
        WebhookReceiver.Delivery delivery = receiver.received().get(0);
        String msgId = delivery.header("webhook-id");
        long timestamp = Long.parseLong(delivery.header("webhook-timestamp"));
        assertThat(WebhookSignature.verify(secret, msgId, timestamp, delivery.body(), delivery.header("webhook-signature")))
                .as("the webhook-signature verifies with the subscription's secret").isTrue();
        assertThat(WebhookSignature.verify(WebhookSignature.newSecret(), msgId, timestamp, delivery.body(),
                delivery.header("webhook-signature"))).as("and with no other secret").isFalse();
        JsonNode body = WireJson.reader().readTree(delivery.body());
        assertThat(body.get("id").asText()).isEqualTo(eventId);
        assertThat(body.get("event_type").asText()).isEqualTo("lead.created");
        assertThat(body.get("tenant_id").asText()).isEqualTo(tenant);
        assertThat(body.get("data").get("email").asText()).isEqualTo("john.doe@example.com");
    }

    @Test
    void eventsOfOtherTenantsAndOtherTypesAreNotDelivered() {
        subscribe("lead.*", "eventbus");
        String otherTenant = UUID.randomUUID().toString();
        http.post("/events/publish", "{\"event_type\": \"lead.created\", \"tenant_id\": \"%s\"}".formatted(otherTenant));
        publish("campaign.launched", "{}");

        String marker = publish("lead.qualified", "{}");

        Await.until("the matching event arrived", () -> !receiver.received().isEmpty());
        assertThat(receiver.received()).hasSize(1);
        assertThat(receiver.received().get(0).text()).contains(marker);
    }

    @Test
    void aCloudEventsSubscriptionReceivesStructuredCloudEvents() throws Exception {
        subscribe("ai.analysis_requested", "cloudevents");

        String eventId = publish("ai.analysis_requested", "{\"analysis_type\": \"lead_scoring\"}");

        Await.until("the receiver got the event", () -> !receiver.received().isEmpty());
        WebhookReceiver.Delivery delivery = receiver.received().get(0);
        assertThat(delivery.header("Content-Type")).startsWith("application/cloudevents+json");
        JsonNode body = WireJson.reader().readTree(delivery.body());
        assertThat(body.get("specversion").asText()).isEqualTo("1.0");
        assertThat(body.get("id").asText()).isEqualTo(eventId);
        assertThat(body.get("type").asText()).isEqualTo("ai.analysis_requested");
        assertThat(body.get("tenantid").asText()).isEqualTo(tenant);
    }

    @Test
    void aCloudEventCarriesCorrelationCausationAndTraceContextAsExtensionAttributes() throws Exception {
        subscribe("ai.analysis_requested", "cloudevents");
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

        Reply reply = http.post("/events/publish", """
                {"event_type": "ai.analysis_requested", "tenant_id": "%s", "correlation_id": "workflow-42",
                 "causation_id": "step-7", "metadata": {"traceparent": "%s", "tracestate": "vendor=abc"}}"""
                .formatted(tenant, traceparent));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);

        Await.until("the receiver got the event", () -> !receiver.received().isEmpty());
        JsonNode body = WireJson.reader().readTree(receiver.received().get(0).body());
        assertThat(body.get("correlationid").asText()).isEqualTo("workflow-42");
        assertThat(body.get("causationid").asText()).isEqualTo("step-7");
        assertThat(body.get("traceparent").asText()).isEqualTo(traceparent);
        assertThat(body.get("tracestate").asText()).isEqualTo("vendor=abc");
    }

    @Test
    void aCloudEventWithoutThoseFieldsLeavesTheAttributesOut() throws Exception {
        subscribe("ai.analysis_requested", "cloudevents");

        publish("ai.analysis_requested", "{}");

        Await.until("the receiver got the event", () -> !receiver.received().isEmpty());
        JsonNode body = WireJson.reader().readTree(receiver.received().get(0).body());
        assertThat(body.has("correlationid")).isFalse();
        assertThat(body.has("causationid")).isFalse();
        assertThat(body.has("traceparent")).isFalse();
        assertThat(body.has("tracestate")).isFalse();
    }

    @Test
    void aSynchronousPublishReturnsTheReceiversOutcome() {
        String subscriptionId = subscribe("lead.created", "eventbus").get("subscription_id").asText();

        Reply reply = http.post("/events/publish", """
                {"event_type": "lead.created", "tenant_id": "%s", "sync": true}""".formatted(tenant));

        assertThat(reply.status()).isEqualTo(201);
        JsonNode result = reply.json();
        assertThat(result.get("complete").asBoolean()).isTrue();
        assertThat(result.get("outcomes")).hasSize(1);
        JsonNode outcome = result.get("outcomes").get(0);
        assertThat(outcome.get("subscription_id").asText()).isEqualTo(subscriptionId);
        assertThat(outcome.get("success").asBoolean()).isTrue();
        assertThat(outcome.get("status_code").asInt()).isEqualTo(200);
        assertThat(receiver.received()).hasSize(1);
    }

    @Test
    void waitTrueInTheQueryAlsoPublishesSynchronouslyAndReportsAFailure() {
        receiver.answer(500);
        subscribe("lead.created", "eventbus");

        Reply reply = http.post("/events/publish?wait=true&timeout_ms=15000",
                "{\"event_type\": \"lead.created\", \"tenant_id\": \"%s\"}".formatted(tenant));

        JsonNode outcome = reply.json().get("outcomes").get(0);
        assertThat(outcome.get("success").asBoolean()).isFalse();
        assertThat(outcome.get("status_code").asInt()).isEqualTo(500);
    }

    private JsonNode subscribe(String pattern, String format) {
        Reply reply = http.post("/events/subscribe", """
                {"event_type": "%s", "service_name": "receiver", "tenant_id": "%s", "webhook_url": "%s", "format": "%s"}"""
                .formatted(pattern, tenant, receiver.url(), format));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json();
    }

    private String publish(String type, String data) {
        Reply reply = http.post("/events/publish", """
                {"event_type": "%s", "tenant_id": "%s", "source_service": "crm-service", "data": %s}"""
                .formatted(type, tenant, data));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json().get("event_id").asText();
    }
}
