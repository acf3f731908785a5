package com.bizosaas.eventbus.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.contract.Await;
import com.bizosaas.eventbus.server.TestHttp.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Pull subscriptions over HTTP: subscribe without a webhook, long-poll, ack, nack. */
class PullIT {
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withDefaults();

    private final TestHttp http = SERVER.http();
    private final String tenant = UUID.randomUUID().toString();
    private String subscription;

    @BeforeEach
    void subscribeAPullQueue() {
        Reply reply = http.post("/events/subscribe", """
                {"event_type": "lead.*", "service_name": "crm-worker", "tenant_id": "%s"}""".formatted(tenant));
        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.json().get("delivery_mode").asText()).isEqualTo("pull");
        subscription = reply.json().get("subscription_id").asText();
    }

    @Test
    void aPulledEventIsGoneOnceAcknowledged() {
        String eventId = publish();

        JsonNode pulled = pull(5_000);
        assertThat(pulled).hasSize(1);
        JsonNode leased = pulled.get(0);
        assertThat(leased.get("event").get("id").asText()).isEqualTo(eventId);
        assertThat(leased.get("attempt").asInt()).isEqualTo(1);
        assertThat(leased.get("lease_until").asText()).isNotBlank();

        Reply ack = http.post("/subscriptions/" + subscription + "/ack",
                "{\"ack_ids\": [\"%s\"]}".formatted(leased.get("ack_id").asText()));
        assertThat(ack.status()).isEqualTo(200);
        assertThat(ack.json().get("acknowledged").asInt()).isEqualTo(1);
        assertThat(pull(0)).isEmpty();
    }

    @Test
    void aNackedEventComesBackAsTheNextAttempt() {
        publish();
        String ackId = pull(5_000).get(0).get("ack_id").asText();

        Reply nack = http.post("/subscriptions/" + subscription + "/nack", "{\"ack_ids\": [\"%s\"], \"delay_ms\": 0}"
                .formatted(ackId));

        assertThat(nack.status()).isEqualTo(200);
        JsonNode again = pull(5_000);
        assertThat(again).hasSize(1);
        assertThat(again.get(0).get("attempt").asInt()).isEqualTo(2);
    }

    @Test
    void aNackMarkedDeadLetterIsADeadLetterAtOnceCarryingTheSubscribersReason() {
        String eventId = publish();
        String ackId = pull(5_000).get(0).get("ack_id").asText();

        Reply nack = http.post("/subscriptions/" + subscription + "/nack",
                "{\"ack_ids\": [\"%s\"], \"error\": \"data does not fit LeadCreated\", \"dead_letter\": true}"
                        .formatted(ackId));

        assertThat(nack.status()).isEqualTo(200);
        JsonNode letters = http.get("/dead-letters?tenant_id=" + tenant + "&subscription_id=" + subscription).json()
                .get("dead_letters");
        assertThat(letters).hasSize(1);
        JsonNode letter = letters.get(0);
        assertThat(letter.get("event_id").asText()).isEqualTo(eventId);
        JsonNode attempts = http.get("/dead-letters/" + letter.get("id").asText()).json().get("attempt_log");
        assertThat(attempts).hasSize(1);
        assertThat(attempts.get(0).get("error").asText())
                .isEqualTo("nacked by subscriber: data does not fit LeadCreated");
        assertThat(pull(0)).isEmpty();
    }

    @Test
    void aNackReasonLongerThanTheLimitIsABadRequestAndChangesNothing() {
        publish();
        String ackId = pull(5_000).get(0).get("ack_id").asText();

        Reply nack = http.post("/subscriptions/" + subscription + "/nack",
                "{\"ack_ids\": [\"%s\"], \"error\": \"%s\", \"dead_letter\": true}"
                        .formatted(ackId, "x".repeat(2001)));

        assertThat(nack.status()).isEqualTo(400);
        assertThat(nack.json().get("field").asText()).isEqualTo("error");
        assertThat(http.get("/dead-letters?tenant_id=" + tenant).json().get("dead_letters")).isEmpty();
        JsonNode again = pull(0);
        assertThat(again).as("the lease was not given back").isEmpty();
    }

    @Test
    void anEmptyPullAnswersWithNoEvents() {
        Reply reply = http.postEmpty("/subscriptions/" + subscription + "/pull");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("events")).isEmpty();
    }

    @Test
    void ackingAnUnknownAckIdIsNotFound() {
        Reply reply = http.post("/subscriptions/" + subscription + "/ack", "{\"ack_ids\": [\"%s\"]}"
                .formatted(UUID.randomUUID()));

        assertThat(reply.status()).isEqualTo(404);
    }

    @Test
    void ackWithoutAckIdsIsABadRequest() {
        Reply reply = http.post("/subscriptions/" + subscription + "/ack", "{}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("field").asText()).isEqualTo("ack_ids");
    }

    @Test
    void pullingAWebhookSubscriptionIsABadRequest() {
        String webhook = http.post("/events/subscribe", """
                {"event_type": "lead.*", "service_name": "hook", "tenant_id": "%s", "webhook_url": "http://127.0.0.1:9/x"}"""
                .formatted(tenant)).json().get("subscription_id").asText();

        Reply reply = http.post("/subscriptions/" + webhook + "/pull", "{}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("error").asText()).isEqualTo("not_a_pull_subscription");
    }

    @Test
    void waitingLongerThanThirtySecondsIsRefused() {
        Reply reply = http.post("/subscriptions/" + subscription + "/pull", "{\"wait_ms\": 30001}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("field").asText()).isEqualTo("wait_ms");
    }

    @Test
    void aReplayDeliversTheStoredEventsToTheSubscriptionAgain() {
        publish();
        publish();
        List<JsonNode> first = pullUntil(2);
        assertThat(first).hasSize(2);
        http.post("/subscriptions/" + subscription + "/ack", "{\"ack_ids\": [\"%s\", \"%s\"]}"
                .formatted(first.get(0).get("ack_id").asText(), first.get(1).get("ack_id").asText()));

        Reply started = http.post("/subscriptions/" + subscription + "/replay", "{\"event_types\": [\"lead.created\"]}");

        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String replay = started.json().get("replay_id").asText();
        Await.until("the replay completed", () -> "completed".equals(
                http.get("/replays/" + replay).json().get("state").asText()));
        assertThat(http.get("/replays/" + replay).json().get("deliveries_queued").asInt()).isEqualTo(2);
        assertThat(pullUntil(2)).hasSize(2);
    }

    @Test
    void eventsReplayNamesTheSubscriptionInTheBody() {
        String id = publish();
        http.post("/subscriptions/" + subscription + "/ack", "{\"ack_ids\": [\"%s\"]}"
                .formatted(pullUntil(1).get(0).get("ack_id").asText()));

        Reply started = http.post("/events/replay", "{\"tenant_id\": \"%s\", \"subscription_id\": \"%s\"}"
                .formatted(tenant, subscription));

        assertThat(started.status()).as(started.body()).isEqualTo(202);
        assertThat(pullUntil(1).get(0).get("event").get("id").asText()).isEqualTo(id);
    }

    @Test
    void eventsReplayWithoutAKnownSubscriptionIsRefused() {
        Reply missing = http.post("/events/replay", "{\"tenant_id\": \"%s\"}".formatted(tenant));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("field").asText()).isEqualTo("subscription_id");

        Reply unknown = http.post("/events/replay", "{\"subscription_id\": \"%s\"}".formatted(UUID.randomUUID()));
        assertThat(unknown.status()).isEqualTo(404);
    }

    /** Pulls until {@code count} events arrived: one pull returns as soon as the first event is there. */
    private List<JsonNode> pullUntil(int count) {
        List<JsonNode> events = new ArrayList<>();
        Await.until(count + " events were pulled", () -> {
            pull(1_000).forEach(events::add);
            return events.size() >= count;
        });
        return events;
    }

    private String publish() {
        return http.post("/events/publish", "{\"event_type\": \"lead.created\", \"tenant_id\": \"%s\"}".formatted(tenant))
                .json().get("event_id").asText();
    }

    private JsonNode pull(int waitMs) {
        Reply reply = http.post("/subscriptions/" + subscription + "/pull",
                "{\"max_events\": 10, \"wait_ms\": %d}".formatted(waitMs));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().get("events");
    }
}
