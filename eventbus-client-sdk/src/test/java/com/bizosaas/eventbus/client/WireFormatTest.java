package com.bizosaas.eventbus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bizosaas.eventbus.ValidationException;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.Priority;
import com.bizosaas.eventbus.model.WireJson;
import com.bizosaas.eventbus.routing.EventCodec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The SDK's own records must read and write exactly the server's snake_case JSON. */
class WireFormatTest {
    private static final UUID TENANT = UUID.fromString("550e8400-e29b-41d4-a716-446655440000");

    record Lead(String leadId, String email) {
    }

    @Test
    void writesAPublishRequestInTheSeedsShape() {
        PublishRequest request = PublishRequest.builder("lead.created", TENANT)
                .data(Map.of("email", "john.doe@example.com"))
                .priority(Priority.HIGH)
                .targetServices("ai-agents")
                .subject("lead-1")
                .build();

        JsonNode json = WireJson.toTree(request);

        assertThat(json.get("event_type").asText()).isEqualTo("lead.created");
        assertThat(json.get("tenant_id").asText()).isEqualTo(TENANT.toString());
        assertThat(json.get("priority").asText()).isEqualTo("high");
        assertThat(json.get("target_services").get(0).asText()).isEqualTo("ai-agents");
        assertThat(json.get("data").get("email").asText()).isEqualTo("john.doe@example.com");
        assertThat(json.has("event_id")).as("unset fields are left out").isFalse();
        assertThat(json.has("metadata")).as("empty maps are left out").isFalse();
        assertThat(json.has("correlation_id")).isFalse();
    }

    @Test
    void takesARecordAsData() {
        PublishRequest request = PublishRequest.builder("lead.created", TENANT)
                .data(new Lead("l-1", "a@b.c")).build();

        assertThat(request.data().get("leadId").asText()).isEqualTo("l-1");
    }

    @Test
    void refusesDataThatIsNotAJsonObject() {
        assertThatThrownBy(() -> PublishRequest.builder("lead.created", TENANT).data(List.of(1, 2)))
                .isInstanceOf(ValidationException.class)
                .hasMessage("data must serialize to a JSON object; got ARRAY");
    }

    @Test
    void aFollowUpEventCarriesTheTenantCorrelationAndCause() {
        Event cause = EventCodec.decode(("{\"id\":\"0190f1e2-0000-7000-8000-000000000001\","
                + "\"event_type\":\"lead.created\",\"version\":1,\"tenant_id\":\"" + TENANT + "\",\"correlation_id\":\"wf-1\"}")
                .getBytes(StandardCharsets.UTF_8));

        PublishRequest followUp = PublishRequest.causedBy("ai.analysis_requested", cause).build();

        assertThat(followUp.tenantId()).isEqualTo(TENANT);
        assertThat(followUp.correlationId()).isEqualTo("wf-1");
        assertThat(followUp.causationId()).isEqualTo("0190f1e2-0000-7000-8000-000000000001");
    }

    @Test
    void aFollowUpOfAnUncorrelatedEventIsCorrelatedByTheCausesId() {
        Event cause = EventCodec.decode(("{\"id\":\"0190f1e2-0000-7000-8000-000000000002\","
                + "\"event_type\":\"lead.created\",\"version\":1,\"tenant_id\":\"" + TENANT + "\"}").getBytes(StandardCharsets.UTF_8));

        assertThat(PublishRequest.causedBy("ai.analysis_requested", cause).build().correlationId())
                .isEqualTo("0190f1e2-0000-7000-8000-000000000002");
    }

    @Test
    void readsAStoredEventIgnoringFieldsItDoesNotKnow() {
        String json = "{\"id\":\"0190f1e2-0000-7000-8000-000000000003\",\"event_type\":\"lead.qualified\","
                + "\"version\":2,\"tenant_id\":\"" + TENANT + "\",\"source_service\":\"crm\","
                + "\"time\":\"2025-01-10T12:00:00Z\",\"priority\":\"critical\",\"subject\":\"lead-1\","
                + "\"target_services\":[\"campaigns\"],\"data\":{\"score\":87},\"metadata\":{\"traceparent\":\"00-x\"},"
                + "\"position\":42,\"stream_version\":3,\"brand_new_field\":true}";

        Event event = EventCodec.decode(json.getBytes(StandardCharsets.UTF_8));

        assertThat(event.eventType()).isEqualTo("lead.qualified");
        assertThat(event.version()).isEqualTo(2);
        assertThat(event.time()).isEqualTo(Instant.parse("2025-01-10T12:00:00Z"));
        assertThat(event.priority()).isEqualTo(Priority.CRITICAL);
        assertThat(event.targetServices()).containsExactly("campaigns");
        assertThat(event.data().get("score").asInt()).isEqualTo(87);
        assertThat(event.metadata()).containsEntry("traceparent", "00-x");
        assertThat(event.position()).isEqualTo(42);
    }

    @Test
    void mapsDataOntoARecord() {
        String json = "{\"id\":\"0190f1e2-0000-7000-8000-000000000004\",\"event_type\":\"lead.created\",\"version\":1,"
                + "\"tenant_id\":\"" + TENANT + "\",\"data\":{\"leadId\":\"l-9\",\"email\":\"x@y.z\"}}";

        Lead lead = EventCodec.decode(json.getBytes(StandardCharsets.UTF_8)).dataAs(Lead.class);

        assertThat(lead).isEqualTo(new Lead("l-9", "x@y.z"));
    }

    @Test
    void readsAReceiptWithAndWithoutOutcomes() throws Exception {
        Receipt plain = WireJson.reader().forType(Receipt.class).readValue("{\"success\":true,\"event_id\":\"0190f1e2-0000-7000-8000-000000000005\","
                + "\"position\":7,\"duplicate\":true,\"timestamp\":\"2025-01-10T12:00:00Z\"}");
        Receipt sync = WireJson.reader().forType(Receipt.class).readValue("{\"event_id\":\"0190f1e2-0000-7000-8000-000000000005\",\"position\":7,"
                + "\"outcomes\":[{\"subscription_id\":\"0190f1e2-0000-7000-8000-000000000006\",\"service_name\":\"crm\","
                + "\"success\":false,\"status_code\":503,\"error\":\"busy\",\"duration_ms\":12}]}");

        assertThat(plain.duplicate()).isTrue();
        assertThat(plain.position()).isEqualTo(7);
        assertThat(plain.outcomes()).isEmpty();
        assertThat(sync.outcomes()).singleElement().satisfies(o -> {
            assertThat(o.serviceName()).isEqualTo("crm");
            assertThat(o.statusCode()).isEqualTo(503);
            assertThat(o.success()).isFalse();
        });
    }

    @Test
    void writesAHistoryQueryWithItsCursorAndOrder() {
        HistoryQuery query = HistoryQuery.builder(TENANT).eventTypes("lead.created").limit(50)
                .order(HistoryQuery.Order.OLDEST).from(Instant.parse("2025-01-01T00:00:00Z")).build().after(120);

        JsonNode json = WireJson.toTree(query);

        assertThat(json.get("tenant_id").asText()).isEqualTo(TENANT.toString());
        assertThat(json.get("event_types").get(0).asText()).isEqualTo("lead.created");
        assertThat(json.get("limit").asInt()).isEqualTo(50);
        assertThat(json.get("after").asLong()).isEqualTo(120);
        assertThat(json.get("order").asText()).isEqualTo("oldest");
        assertThat(json.get("from_time").asText()).isEqualTo("2025-01-01T00:00:00Z");
        assertThat(json.has("to_time")).isFalse();
    }

    @Test
    void refusesAHistoryPageLargerThanTheServerAllows() {
        assertThatThrownBy(() -> HistoryQuery.builder(TENANT).limit(1001).build())
                .hasMessage("limit must be between 1 and 1000; got 1001");
    }

    @Test
    void webhookRegistrationsCarryTheirOptions() {
        WebhookRegistration plain = WebhookRegistration.of("lead.*", "http://127.0.0.1:9/hook");
        WebhookRegistration registration = plain.forTenant(TENANT).withMaxAttempts(3).asCloudEvents().unordered();

        assertThat(plain.ordered()).as("ordered unless asked otherwise, like the server").isTrue();
        assertThat(registration.tenantId()).isEqualTo(TENANT);
        assertThat(registration.maxAttempts()).isEqualTo(3);
        assertThat(registration.cloudEvents()).isTrue();
        assertThat(registration.ordered()).isFalse();
        assertThat(registration.filter()).isNull();
        assertThat(registration.maxPerSecond()).isNull();
        WebhookRegistration limited = registration.withMaxPerSecond(20)
                .withFilter(JsonNodeFactory.instance.objectNode().set("subject", JsonNodeFactory.instance.arrayNode().add("a")));
        assertThat(limited.maxPerSecond()).isEqualTo(20);
        assertThat(limited.filter().toString()).isEqualTo("{\"subject\":[\"a\"]}");
        assertThat(limited.unordered().forTenant(TENANT).filter()).isEqualTo(limited.filter());
    }
}
