package com.bizosaas.eventbus.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.server.TestHttp.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every {@code curl} of the seed README, with its request body copied literally, against a
 * server started with no environment at all: each must succeed with the fields the seed shows.
 */
class SeedCurlsIT {
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withDefaults();

    private static final String SEED_TENANT = "550e8400-e29b-41d4-a716-446655440000";

    private static final String PUBLISH_BODY = """
            {
                "event_type": "lead.created",
                "tenant_id": "550e8400-e29b-41d4-a716-446655440000",
                "source_service": "crm-service",
                "data": {
                  "lead_id": "123e4567-e89b-12d3-a456-426614174000",
                  "email": "john.doe@example.com",
                  "company": "Acme Corp"
                },
                "priority": "high"
              }""";

    private static final String SUBSCRIBE_BODY = """
            {
                "event_type": "lead.created",
                "service_name": "ai-agents",
                "webhook_url": "http://ai-agents:8001/events/webhook"
              }""";

    private static final String HISTORY_BODY = """
            {
                "tenant_id": "550e8400-e29b-41d4-a716-446655440000",
                "event_types": ["lead.created", "lead.qualified"],
                "limit": 50
              }""";

    private static final String CREATE_LEAD_BODY = """
            {
                "tenant_id": "550e8400-e29b-41d4-a716-446655440000",
                "contact_info": {
                  "email": "demo@example.com",\s
                  "company": "Demo Corp"
                }
              }""";

    private static final String AI_ANALYSIS_BODY = """
            {
                "tenant_id": "550e8400-e29b-41d4-a716-446655440000",
                "analysis_type": "lead_scoring"
              }""";

    private final TestHttp http = SERVER.http();

    @Test
    void healthAnswersInTheSeedShape() {
        Reply reply = http.get("/health");

        assertThat(reply.status()).isEqualTo(200);
        JsonNode health = reply.json();
        assertThat(health.get("status").asText()).isEqualTo("healthy");
        assertThat(health.get("version").asText()).isEqualTo("1.0.0");
        assertThat(Instant.parse(health.get("timestamp").asText())).isBeforeOrEqualTo(Instant.now());
        assertThat(health.get("components").get("event_store").get("status").asText()).isEqualTo("healthy");
        assertThat(health.get("components").size()).isEqualTo(2);
        health.get("components").forEach(component -> assertThat(component.get("status").asText()).isEqualTo("healthy"));
    }

    @Test
    void publishingTheSeedLeadEventStoresItAndAnswersWithItsId() {
        Reply reply = http.post("/events/publish", PUBLISH_BODY);

        assertThat(reply.status()).isEqualTo(201);
        JsonNode receipt = reply.json();
        assertThat(receipt.get("success").asBoolean()).isTrue();
        assertThat(receipt.get("duplicate").asBoolean()).isFalse();
        assertThat(receipt.get("position").asLong()).isPositive();
        assertThat(Instant.parse(receipt.get("timestamp").asText())).isNotNull();
        String eventId = receipt.get("event_id").asText();

        JsonNode stored = http.get("/events/" + SEED_TENANT + "/" + eventId).json();
        assertThat(stored.get("event_type").asText()).isEqualTo("lead.created");
        assertThat(stored.get("priority").asText()).isEqualTo("high");
        assertThat(stored.get("source_service").asText()).isEqualTo("crm-service");
        assertThat(stored.get("data").get("company").asText()).isEqualTo("Acme Corp");
    }

    @Test
    void subscribingTheSeedWebhookSucceedsAlthoughItsHostDoesNotResolveHere() {
        Reply reply = http.post("/events/subscribe", SUBSCRIBE_BODY);

        assertThat(reply.status()).isEqualTo(201);
        JsonNode subscription = reply.json();
        assertThat(subscription.get("success").asBoolean()).isTrue();
        assertThat(subscription.get("subscription_id").asText()).hasSize(36);
        assertThat(subscription.get("secret").asText()).startsWith("whsec_");
        assertThat(subscription.get("event_type").asText()).isEqualTo("lead.created");
        assertThat(subscription.get("service_name").asText()).isEqualTo("ai-agents");
        assertThat(subscription.get("delivery_mode").asText()).isEqualTo("webhook");
        assertThat(subscription.get("max_attempts").asInt()).isEqualTo(3);
        assertThat(subscription.has("tenant_id")).isFalse();

        List<String> listed = new ArrayList<>();
        http.get("/subscriptions").json().get("subscriptions")
                .forEach(s -> listed.add(s.get("subscription_id").asText()));
        assertThat(listed).contains(subscription.get("subscription_id").asText());
    }

    @Test
    void historyWithTheSeedBodyReturnsTheSeedTenantsLeadEvents() {
        String eventId = http.post("/events/publish", PUBLISH_BODY).json().get("event_id").asText();

        Reply reply = http.post("/events/history", HISTORY_BODY);

        assertThat(reply.status()).isEqualTo(200);
        JsonNode page = reply.json();
        List<String> ids = new ArrayList<>();
        page.get("events").forEach(e -> ids.add(e.get("id").asText()));
        assertThat(ids).contains(eventId);
        assertThat(page.get("count").asInt()).isEqualTo(ids.size());
        assertThat(page.has("next_cursor")).isTrue();
        page.get("events").forEach(e -> assertThat(e.get("tenant_id").asText()).isEqualTo(SEED_TENANT));
    }

    @Test
    void theCreateLeadDemoPublishesTheLeadAndItsAnalysisRequest() {
        Reply reply = http.post("/demo/create-lead", CREATE_LEAD_BODY);

        assertThat(reply.status()).isEqualTo(201);
        JsonNode answer = reply.json();
        assertThat(answer.get("success").asBoolean()).isTrue();
        String leadId = answer.get("lead_id").asText();
        JsonNode lead = http.get("/events/" + SEED_TENANT + "/" + answer.get("lead_event_id").asText()).json();
        JsonNode analysis = http.get("/events/" + SEED_TENANT + "/" + answer.get("analysis_event_id").asText()).json();
        assertThat(lead.get("event_type").asText()).isEqualTo("lead.created");
        assertThat(lead.get("data").get("lead_id").asText()).isEqualTo(leadId);
        assertThat(lead.get("data").get("contact_info").get("company").asText()).isEqualTo("Demo Corp");
        assertThat(lead.get("data").get("source").asText()).isEqualTo("demo");
        assertThat(analysis.get("event_type").asText()).isEqualTo("ai.analysis_requested");
        assertThat(analysis.get("data").get("analysis_type").asText()).isEqualTo("lead_scoring");
        assertThat(analysis.get("data").get("lead_id").asText()).isEqualTo(leadId);
        assertThat(analysis.get("correlation_id").asText()).isEqualTo(leadId);
        assertThat(analysis.get("causation_id").asText()).isEqualTo(lead.get("id").asText());
    }

    @Test
    void theAiAnalysisDemoPublishesAnAnalysisRequest() {
        Reply reply = http.post("/demo/ai-analysis", AI_ANALYSIS_BODY);

        assertThat(reply.status()).isEqualTo(201);
        JsonNode answer = reply.json();
        assertThat(answer.get("success").asBoolean()).isTrue();
        JsonNode event = http.get("/events/" + SEED_TENANT + "/" + answer.get("event_id").asText()).json();
        assertThat(event.get("event_type").asText()).isEqualTo("ai.analysis_requested");
        assertThat(event.get("data").get("analysis_type").asText()).isEqualTo("lead_scoring");
        assertThat(event.get("data").has("tenant_id")).isFalse();
    }

    @Test
    void metricsExposeEverySeedMetricName() {
        http.post("/events/publish", PUBLISH_BODY);

        Reply reply = http.get("/metrics");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).startsWith("text/plain");
        List<String> lines = reply.body().lines().filter(l -> !l.startsWith("#")).toList();
        for (String name : List.of("events_published", "events_processed", "events_failed", "active_subscriptions",
                "processing_time_ms", "dead_letters")) {
            assertThat(lines).as("a sample line for " + name).anyMatch(l -> l.startsWith(name));
        }
        assertThat(lines).anyMatch(l -> l.startsWith("events_published_total ") && !l.endsWith(" 0.0"));
    }
}
