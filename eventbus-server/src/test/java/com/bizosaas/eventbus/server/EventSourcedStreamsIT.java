package com.bizosaas.eventbus.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.server.TestHttp.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Event-sourced streams over HTTP: append with an expected version, read from a version. */
class EventSourcedStreamsIT {
    private static final String TENANT = UUID.randomUUID().toString();
    private static final String OTHER_TENANT = UUID.randomUUID().toString();
    private static final String[] CRM = {"X-API-Key", "crm-key"};

    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withEnvironment(Map.of(
            "EVENTBUS_API_KEYS", "crm-key:" + TENANT + ",platform-key:*"));

    private final TestHttp http = SERVER.http();
    private final String stream = "account-" + UUID.randomUUID();

    private Reply append(Object expectedVersion, String... types) {
        List<String> events = new ArrayList<>();
        for (String type : types) {
            events.add("{\"event_type\": \"%s\", \"data\": {\"amount\": 10}}".formatted(type));
        }
        return http.post("/streams/" + TENANT + "/" + stream, "{\"expected_version\": %s, \"events\": [%s]}"
                .formatted(expectedVersion, String.join(",", events)), CRM);
    }

    @Test
    void appendsContinueFromTheExpectedVersionAndAStaleOneIs409WithTheCurrentVersion() {
        Reply opened = append(0, "account.opened", "account.credited");
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        assertThat(opened.json().get("version").asLong()).isEqualTo(2);
        assertThat(opened.json().get("events").get(1).get("stream_version").asLong()).isEqualTo(2);
        assertThat(opened.json().get("events").get(1).get("subject").asText()).isEqualTo(stream);

        assertThat(append(2, "account.debited").json().get("version").asLong()).isEqualTo(3);
        Reply stale = append(2, "account.debited");
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().get("error").asText()).isEqualTo("wrong_expected_version");
        assertThat(stale.json().get("current_version").asLong()).isEqualTo(3);
        assertThat(stale.json().get("expected_version").asLong()).isEqualTo(2);
        assertThat(append(-1, "account.credited").json().get("version").asLong()).isEqualTo(4);
    }

    @Test
    void aStreamIsReadFromAVersionAndItsEventsAreOrdinaryEvents() {
        append(0, "account.opened", "account.credited", "account.debited");

        Reply read = http.get("/streams/" + TENANT + "/" + stream + "?from_version=2", CRM);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("count").asInt()).isEqualTo(2);
        List<String> types = new ArrayList<>();
        read.json().get("events").forEach(e -> types.add(e.get("event_type").asText()));
        assertThat(types).containsExactly("account.credited", "account.debited");
        assertThat(http.get("/streams/" + TENANT + "/" + stream, CRM).json().get("count").asInt()).isEqualTo(3);
        assertThat(http.get("/streams/" + TENANT + "/unknown-stream", CRM).json().get("count").asInt()).isZero();

        JsonNode history = http.post("/events/history", "{\"tenant_id\": \"%s\", \"subject\": \"%s\"}"
                .formatted(TENANT, stream), CRM).json();
        assertThat(history.get("count").asInt()).isEqualTo(3);
    }

    @Test
    void aSubscriptionReceivesStreamEvents() {
        Reply subscribed = http.post("/events/subscribe", """
                {"event_type": "ledger.*", "service_name": "projection", "tenant_id": "%s"}""".formatted(TENANT), CRM);
        String subscription = subscribed.json().get("subscription_id").asText();
        append(0, "ledger.opened");

        Reply pulled = http.post("/subscriptions/" + subscription + "/pull", "{\"max_events\": 10, \"wait_ms\": 5000}",
                CRM);
        assertThat(pulled.json().get("events")).hasSize(1);
        assertThat(pulled.json().get("events").get(0).get("event").get("subject").asText()).isEqualTo(stream);
    }

    @Test
    void badInputIsAClear4xxAndAppendsNothing() {
        String path = "/streams/" + TENANT + "/" + stream;
        assertThat(http.post("/streams/not-a-uuid/" + stream, "{\"events\": []}", CRM).json().get("field").asText())
                .isEqualTo("tenant_id");
        assertThat(http.post(path, "{\"expected_version\": \"three\", \"events\": [{\"event_type\": \"a.b\"}]}", CRM)
                .json().get("field").asText()).isEqualTo("expected_version");
        assertThat(append(-2, "a.b").json().get("field").asText()).isEqualTo("expected_version");
        assertThat(http.post(path, "{\"expected_version\": 0, \"events\": []}", CRM).json().get("field").asText())
                .isEqualTo("events");
        assertThat(http.post(path, "{\"events\": [{\"data\": {}}]}", CRM).json().get("field").asText())
                .isEqualTo("events[0].event_type");
        assertThat(http.post(path, "{\"events\": [{\"event_type\": \"a.b\", \"tenant_id\": \"%s\"}]}"
                .formatted(OTHER_TENANT), CRM).json().get("field").asText()).isEqualTo("events[0].tenant_id");
        assertThat(http.post(path, "{\"events\": [{\"event_type\": \"a.b\", \"colour\": 1}]}", CRM)
                .json().get("error").asText()).isEqualTo("unknown_field");
        assertThat(http.post(path, "{\"events\": [", CRM).json().get("error").asText()).isEqualTo("malformed_json");
        assertThat(http.post("/streams/" + OTHER_TENANT + "/" + stream, "{\"events\": [{\"event_type\": \"a.b\"}]}",
                CRM).status()).isEqualTo(403);
        assertThat(http.get(path + "?from_version=0", CRM).json().get("field").asText()).isEqualTo("from_version");
        assertThat(http.get(path + "?schema_version=newest", CRM).json().get("field").asText())
                .isEqualTo("schema_version");
        assertThat(http.get(path, CRM).json().get("count").asInt()).isZero();
    }
}
