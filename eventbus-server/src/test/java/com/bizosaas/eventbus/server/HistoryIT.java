package com.bizosaas.eventbus.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.server.TestHttp.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** History paging and filters, single-event reads, idempotent and batch publishing. */
class HistoryIT {
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withDefaults();

    private final TestHttp http = SERVER.http();
    private final String tenant = UUID.randomUUID().toString();

    @Test
    void historyPagesNewestFirstWithACursorUntilTheLastPage() {
        List<String> published = publishSeveral(5);

        List<String> seen = new ArrayList<>();
        JsonNode page = history("\"limit\": 2");
        int pages = 1;
        while (true) {
            page.get("events").forEach(e -> seen.add(e.get("id").asText()));
            if (page.get("next_cursor").isNull()) {
                break;
            }
            page = history("\"limit\": 2, \"after\": " + page.get("next_cursor").asLong());
            pages++;
        }

        List<String> newestFirst = new ArrayList<>(published);
        Collections.reverse(newestFirst);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(newestFirst);
    }

    @Test
    void historyCanReadOldestFirstAndFilterByTypeAndSubject() {
        List<String> published = publishSeveral(3);
        http.post("/events/publish", "{\"event_type\": \"lead.qualified\", \"tenant_id\": \"%s\", \"subject\": \"lead-9\"}"
                .formatted(tenant));

        JsonNode oldest = history("\"order\": \"oldest\", \"event_types\": [\"lead.created\"]");
        JsonNode bySubject = history("\"subject\": \"lead-9\"");

        List<String> ids = new ArrayList<>();
        oldest.get("events").forEach(e -> ids.add(e.get("id").asText()));
        assertThat(ids).containsExactlyElementsOf(published);
        assertThat(bySubject.get("count").asInt()).isEqualTo(1);
        assertThat(bySubject.get("events").get(0).get("event_type").asText()).isEqualTo("lead.qualified");
    }

    @Test
    void historyOfAnotherTenantDoesNotShowThisTenantsEvents() {
        publishSeveral(2);

        JsonNode other = http.post("/events/history", "{\"tenant_id\": \"%s\"}".formatted(UUID.randomUUID())).json();

        assertThat(other.get("count").asInt()).isZero();
        assertThat(other.get("next_cursor").isNull()).isTrue();
    }

    @Test
    void anEventIsReadableByItsTenantOnly() {
        String id = publishSeveral(1).get(0);

        assertThat(http.get("/events/" + tenant + "/" + id).json().get("id").asText()).isEqualTo(id);
        Reply elsewhere = http.get("/events/" + UUID.randomUUID() + "/" + id);
        assertThat(elsewhere.status()).isEqualTo(404);
        assertThat(elsewhere.json().get("error").asText()).isEqualTo("not_found");
    }

    @Test
    void theSameIdempotencyKeyHeaderPublishesOnce() {
        String body = "{\"event_type\": \"lead.created\", \"tenant_id\": \"%s\"}".formatted(tenant);

        Reply first = http.post("/events/publish", body, "Idempotency-Key", "form-42");
        Reply second = http.post("/events/publish", body, "Idempotency-Key", "form-42");

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().get("duplicate").asBoolean()).isTrue();
        assertThat(second.json().get("event_id").asText()).isEqualTo(first.json().get("event_id").asText());
        assertThat(history("").get("count").asInt()).isEqualTo(1);
    }

    @Test
    void reusingAnIdempotencyKeyForAnotherPayloadIsUnprocessable() {
        Reply first = http.post("/events/publish", """
                {"event_type": "lead.created", "tenant_id": "%s", "data": {"email": "a@example.com"}}"""
                .formatted(tenant), "Idempotency-Key", "form-43");

        Reply reused = http.post("/events/publish", """
                {"event_type": "lead.created", "tenant_id": "%s", "data": {"email": "b@example.com"}}"""
                .formatted(tenant), "Idempotency-Key", "form-43");

        assertThat(first.status()).isEqualTo(201);
        assertThat(reused.status()).as(reused.body()).isEqualTo(422);
        assertThat(reused.json().get("error").asText()).isEqualTo("idempotency_key_reused");
        assertThat(reused.json().get("field").asText()).isEqualTo("idempotency_key");
        assertThat(history("").get("count").asInt()).isEqualTo(1);
    }

    @Test
    void aBatchEventReusingAKeyIsNamedInThe422() {
        http.post("/events/publish", """
                {"event_type": "lead.created", "tenant_id": "%s", "idempotency_key": "k-1", "data": {"n": 1}}"""
                .formatted(tenant));

        Reply reused = http.post("/events/publish", """
                {"events": [{"event_type": "lead.created", "tenant_id": "%1$s", "idempotency_key": "k-1", "data": {"n": 1}},
                            {"event_type": "lead.created", "tenant_id": "%1$s", "idempotency_key": "k-1", "data": {"n": 2}}]}"""
                .formatted(tenant));

        assertThat(reused.status()).as(reused.body()).isEqualTo(422);
        assertThat(reused.json().get("field").asText()).isEqualTo("events[1].idempotency_key");
    }

    @Test
    void aClientChosenEventIdMakesRetriesIdempotent() {
        String id = UUID.randomUUID().toString();
        String body = "{\"event_type\": \"lead.created\", \"tenant_id\": \"%s\", \"event_id\": \"%s\"}".formatted(tenant, id);

        assertThat(http.post("/events/publish", body).json().get("event_id").asText()).isEqualTo(id);
        assertThat(http.post("/events/publish", body).json().get("duplicate").asBoolean()).isTrue();
    }

    @Test
    void aBatchIsStoredInOrderWithOneReceiptPerEvent() {
        Reply reply = http.post("/events/publish", """
                {"events": [
                  {"event_type": "lead.created", "tenant_id": "%1$s", "subject": "a"},
                  {"event_type": "lead.qualified", "tenant_id": "%1$s", "subject": "a"}
                ]}""".formatted(tenant));

        assertThat(reply.status()).isEqualTo(201);
        JsonNode receipts = reply.json().get("events");
        assertThat(receipts).hasSize(2);
        assertThat(receipts.get(1).get("position").asLong()).isGreaterThan(receipts.get(0).get("position").asLong());
        assertThat(history("\"order\": \"oldest\"").get("events").get(1).get("event_type").asText())
                .isEqualTo("lead.qualified");
    }

    private List<String> publishSeveral(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Reply reply = http.post("/events/publish", """
                    {"event_type": "lead.created", "tenant_id": "%s", "data": {"n": %d}}""".formatted(tenant, i));
            assertThat(reply.status()).isEqualTo(201);
            ids.add(reply.json().get("event_id").asText());
        }
        return ids;
    }

    private JsonNode history(String extraFields) {
        Reply reply = http.post("/events/history", "{\"tenant_id\": \"%s\"%s}"
                .formatted(tenant, extraFields.isEmpty() ? "" : ", " + extraFields));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }
}
