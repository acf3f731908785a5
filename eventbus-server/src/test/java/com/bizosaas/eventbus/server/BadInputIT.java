package com.bizosaas.eventbus.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.contract.Await;
import com.bizosaas.eventbus.server.TestHttp.Reply;
import com.bizosaas.eventbus.testing.WebhookReceiver;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad requests get the right 4xx with a JSON error naming the field, and change nothing: no event
 * is stored and no webhook is called for the tenant they name. The last test proves "nothing
 * delivered" by publishing one good event and seeing it arrive alone.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputIT {
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withEnvironment(Map.of("EVENTBUS_MAX_EVENT_BYTES", "4096"));

    private static final String TENANT = UUID.randomUUID().toString();
    private static WebhookReceiver receiver;
    private static int subscriptionsBefore;

    private final TestHttp http = SERVER.http();

    @BeforeAll
    static void subscribeAReceiverToEverythingOfTheTenant() throws Exception {
        receiver = new WebhookReceiver();
        Reply reply = SERVER.http().post("/events/subscribe", """
                {"event_type": "*", "service_name": "watcher", "tenant_id": "%s", "webhook_url": "%s"}"""
                .formatted(TENANT, receiver.url()));
        assertThat(reply.status()).isEqualTo(201);
        subscriptionsBefore = subscriptionCount(SERVER.http());
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    /** A case: what is sent, and the status, error code and field expected back. */
    record Case(String name, Function<TestHttp, Reply> request, int status, String error, String field) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> badRequests() {
        String big = "x".repeat(5000);
        return Stream.of(
                publish("malformed JSON", "{\"event_type\": ", 400, "malformed_json", null),
                publish("JSON after the object", "{\"event_type\": \"lead.created\"} trailing", 400, "malformed_json", null),
                publish("a body that is an array", "[1, 2]", 400, "invalid_body", null),
                publish("a body that is a string", "\"lead.created\"", 400, "invalid_body", null),
                publish("an empty body", "", 400, "missing_body", null),
                publish("no event_type", event("\"tenant_id\": \"%s\"".formatted(TENANT)), 400, "missing_field", "event_type"),
                publish("no tenant_id", event("\"event_type\": \"lead.created\""), 400, "missing_field", "tenant_id"),
                publish("data as a string", valid(", \"data\": \"not an object\""), 400, "invalid_field", "data"),
                publish("priority as a number", valid(", \"priority\": 3"), 400, "invalid_field", "priority"),
                publish("an unknown priority", valid(", \"priority\": \"urgent\""), 400, "invalid_priority", "priority"),
                publish("tenant_id that is not a UUID", event("\"event_type\": \"lead.created\", \"tenant_id\": \"acme\""),
                        400, "invalid_field", "tenant_id"),
                publish("event_type that is not dotted lower-case",
                        event("\"event_type\": \"LeadCreated\", \"tenant_id\": \"%s\"".formatted(TENANT)),
                        400, "validation_failed", "event_type"),
                publish("target_services with a number", valid(", \"target_services\": [\"crm\", 7]"), 400, "invalid_field",
                        "target_services[1]"),
                publish("metadata with a non-string value", valid(", \"metadata\": {\"traceparent\": 1}"), 400,
                        "invalid_field", "metadata.traceparent"),
                publish("event_id that is not a UUID", valid(", \"event_id\": \"42\""), 400, "invalid_field", "event_id"),
                publish("a batch whose second event has a bad tenant", """
                        {"events": [%s, {"event_type": "lead.created", "tenant_id": "nope"}]}"""
                        .formatted(valid("")), 400, "invalid_field", "events[1].tenant_id"),
                publish("a batch whose first event lacks a type", """
                        {"events": [{"tenant_id": "%s"}, %s]}""".formatted(TENANT, valid("")), 400, "missing_field",
                        "events[0].event_type"),
                publish("an empty batch", "{\"events\": []}", 400, "invalid_field", "events"),
                publish("a misspelt data field", valid(", \"dataa\": {\"score\": 87}"), 400, "unknown_field", "dataa"),
                publish("an expected_version, which the bus does not support",
                        valid(", \"expected_version\": 3"), 400, "unknown_field", "expected_version"),
                publish("a batch event with an unknown field", """
                        {"events": [%s, %s]}""".formatted(valid(""), valid(", \"dataa\": {}")), 400, "unknown_field",
                        "events[1].dataa"),
                publish("a batch with an unknown top-level field", """
                        {"events": [%s], "atomic": true}""".formatted(valid("")), 400, "unknown_field", "atomic"),
                publish("a NUL character in data", valid(", \"data\": {\"name\": \"a\\u0000b\"}"), 400,
                        "invalid_character", "data.name"),
                publish("a NUL character in the subject", valid(", \"subject\": \"lead\\u0000\""), 400,
                        "invalid_character", "subject"),
                Arguments.of(new Case("history with an unknown field", h -> h.post("/events/history",
                        "{\"tenant_id\": \"%s\", \"event_type\": \"lead.created\"}".formatted(TENANT)), 400,
                        "unknown_field", "event_type")),
                Arguments.of(new Case("a subscription with an unknown field", h -> h.post("/events/subscribe",
                        "{\"event_type\": \"lead.created\", \"service_name\": \"x\", \"tenant_id\": \"%s\", \"webhook\": \"http://x.example\"}"
                        .formatted(TENANT)), 400, "unknown_field", "webhook")),
                publish("a body over EVENTBUS_MAX_EVENT_BYTES", valid(", \"data\": {\"blob\": \"" + big + "\"}"), 413,
                        "payload_too_large", null),
                Arguments.of(new Case("a chunked body over EVENTBUS_MAX_EVENT_BYTES", h -> h.postChunked("/events/publish",
                        valid(", \"data\": {\"blob\": \"" + big + "\"}").getBytes(StandardCharsets.UTF_8)),
                        413, "payload_too_large", null)),
                Arguments.of(new Case("a text/plain body", h -> h.postRaw("/events/publish", "text/plain",
                        valid("").getBytes(StandardCharsets.UTF_8)), 415, "unsupported_media_type", null)),
                Arguments.of(new Case("a form body", h -> h.postRaw("/events/publish", "application/x-www-form-urlencoded",
                        "event_type=lead.created".getBytes(StandardCharsets.UTF_8)), 415, "unsupported_media_type", null)),
                Arguments.of(new Case("history with a limit over 1000", h -> h.post("/events/history",
                        "{\"tenant_id\": \"%s\", \"limit\": 5000}".formatted(TENANT)), 400, "invalid_field", "limit")),
                Arguments.of(new Case("history with an invalid from_time", h -> h.post("/events/history",
                        "{\"tenant_id\": \"%s\", \"from_time\": \"yesterday\"}".formatted(TENANT)), 400, "invalid_field",
                        "from_time")),
                Arguments.of(new Case("an unknown subscription id", h -> h.get("/subscriptions/" + UUID.randomUUID()),
                        404, "not_found", null)),
                Arguments.of(new Case("deleting an unknown subscription", h -> h.delete("/subscriptions/" + UUID.randomUUID()),
                        404, "not_found", null)),
                Arguments.of(new Case("a subscription id that is not a UUID", h -> h.get("/subscriptions/12345"),
                        400, "invalid_field", "subscription_id")),
                subscribe("a webhook_url that is not http(s)", "ftp://receiver.example/hook", 400, "invalid_webhook_url"),
                subscribe("a link-local webhook_url", "http://169.254.169.254/latest/meta-data", 400,
                        "forbidden_webhook_url"),
                subscribe("a cloud metadata webhook_url", "http://metadata.google.internal/computeMetadata/v1", 400,
                        "forbidden_webhook_url"),
                Arguments.of(new Case("a subscription without service_name", h -> h.post("/events/subscribe",
                        "{\"event_type\": \"lead.created\", \"tenant_id\": \"%s\"}".formatted(TENANT)), 400, "missing_field",
                        "service_name")),
                Arguments.of(new Case("a subscription with an invalid pattern", h -> h.post("/events/subscribe",
                        "{\"event_type\": \"lead.**\", \"service_name\": \"x\", \"tenant_id\": \"%s\"}".formatted(TENANT)),
                        400, "invalid_event_type", "event_type")),
                Arguments.of(new Case("an unknown route", h -> h.get("/events/nowhere/at/all"), 404, "not_found", null)),
                Arguments.of(new Case("a wrong method", h -> h.get("/events/publish"), 405, "method_not_allowed", null)));
    }

    @Order(1)
    @Test
    void anUnknownFieldIsNamedWithTheAcceptedOnes() {
        Reply reply = http.post("/events/publish", valid(", \"dataa\": {}"));

        assertThat(reply.json().get("message").asText()).contains("'dataa'").contains("event_type, tenant_id")
                .contains("data").contains("idempotency_key");
    }

    private static String valid(String extra) {
        return event("\"event_type\": \"lead.created\", \"tenant_id\": \"%s\"%s".formatted(TENANT, extra));
    }

    private static String event(String fields) {
        return "{" + fields + "}";
    }

    private static Arguments publish(String name, String body, int status, String error, String field) {
        return Arguments.of(new Case(name, h -> h.post("/events/publish", body), status, error, field));
    }

    private static Arguments subscribe(String name, String url, int status, String error) {
        return Arguments.of(new Case(name, h -> h.post("/events/subscribe", """
                {"event_type": "lead.created", "service_name": "x", "tenant_id": "%s", "webhook_url": "%s"}"""
                .formatted(TENANT, url)), status, error, "webhook_url"));
    }

    @Order(1)
    @ParameterizedTest(name = "{0} is refused")
    @MethodSource("badRequests")
    void aBadRequestIsRefusedWithAJsonErrorAndChangesNothing(Case c) {
        Reply reply = c.request().apply(http);

        assertThat(reply.status()).as(reply.body()).isEqualTo(c.status());
        assertThat(reply.header("Content-Type")).startsWith("application/json");
        JsonNode error = reply.json();
        assertThat(error.get("error").asText()).isEqualTo(c.error());
        assertThat(error.get("message").asText()).isNotBlank();
        if (c.field() == null) {
            assertThat(error.has("field")).as(reply.body()).isFalse();
        } else {
            assertThat(error.get("field").asText()).isEqualTo(c.field());
        }
        assertThat(storedEventCount()).isZero();
        assertThat(subscriptionCount(http)).isEqualTo(subscriptionsBefore);
    }

    @Order(2)
    @Test
    void noRefusedEventWasEverDelivered() {
        Reply good = http.post("/events/publish", valid(", \"data\": {\"marker\": true}"));
        assertThat(good.status()).isEqualTo(201);

        Await.until("the good event reached the receiver", () -> !receiver.received().isEmpty());
        assertThat(receiver.received()).hasSize(1);
        assertThat(receiver.received().get(0).text()).contains("\"marker\":true");
        assertThat(storedEventCount()).isEqualTo(1);
    }

    private int storedEventCount() {
        return http.post("/events/history", "{\"tenant_id\": \"%s\", \"limit\": 1000}".formatted(TENANT)).json()
                .get("count").asInt();
    }

    private static int subscriptionCount(TestHttp http) {
        return http.get("/subscriptions").json().get("count").asInt();
    }
}
