package com.bizosaas.eventbus.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.contract.Await;
import com.bizosaas.eventbus.server.TestHttp.Reply;
import com.bizosaas.eventbus.testing.WebhookReceiver;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Deliveries a receiver keeps refusing become dead letters that can be listed, inspected,
 * redriven (one, by ids, by filter) and discarded over HTTP.
 */
class DeadLettersIT {
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withDefaults();

    private final TestHttp http = SERVER.http();
    private final String tenant = UUID.randomUUID().toString();
    private WebhookReceiver receiver;
    private String subscription;

    @BeforeEach
    void subscribeARefusingReceiverWithOneAttempt() throws Exception {
        receiver = new WebhookReceiver();
        receiver.answer(500);
        subscription = http.post("/events/subscribe", """
                {"event_type": "lead.created", "service_name": "flaky", "tenant_id": "%s", "webhook_url": "%s",
                 "max_attempts": 1}""".formatted(tenant, receiver.url())).json().get("subscription_id").asText();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void aRedrivenDeadLetterIsDeliveredAgain() {
        String eventId = publish();
        JsonNode letter = awaitDeadLetters(1).get(0);
        assertThat(letter.get("event_id").asText()).isEqualTo(eventId);
        assertThat(letter.get("subscription_id").asText()).isEqualTo(subscription);

        JsonNode inspected = http.get("/dead-letters/" + letter.get("id").asText()).json();
        assertThat(letter.has("next_attempt_at")).as("a dead letter has no next attempt").isFalse();
        assertThat(inspected.has("next_attempt_at")).as("a dead letter has no next attempt").isFalse();
        assertThat(inspected.get("attempt_log")).hasSize(1);
        assertThat(inspected.get("attempt_log").get(0).get("status_code").asInt()).isEqualTo(500);

        receiver.answer(200);
        Reply redriven = http.postEmpty("/dead-letters/" + letter.get("id").asText() + "/redrive");
        assertThat(redriven.json().get("redriven").asInt()).isEqualTo(1);

        Await.until("the redriven event was delivered", () -> receiver.received().size() == 2);
        Await.until("the dead letter is gone", () -> deadLetters().isEmpty());
        assertThat(http.get("/dead-letters/" + letter.get("id").asText()).status()).isEqualTo(404);
    }

    @Test
    void redrivingByIdsTouchesOnlyThoseDeadLetters() {
        publish();
        publish();
        JsonNode letters = awaitDeadLetters(2);
        receiver.answer(200);

        Reply reply = http.post("/dead-letters/redrive", "{\"ids\": [\"%s\"]}".formatted(letters.get(1).get("id").asText()));

        assertThat(reply.json().get("redriven").asInt()).isEqualTo(1);
        Await.until("one dead letter is left", () -> deadLetters().size() == 1);
        assertThat(deadLetters().get(0).get("id").asText()).isEqualTo(letters.get(0).get("id").asText());
    }

    @Test
    void redrivingByFilterTakesEveryMatchingDeadLetter() {
        publish();
        publish();
        awaitDeadLetters(2);
        receiver.answer(200);

        Reply reply = http.post("/dead-letters/redrive", "{\"subscription_id\": \"%s\"}".formatted(subscription));

        assertThat(reply.json().get("redriven").asInt()).isEqualTo(2);
        Await.until("both were delivered", () -> receiver.received().size() == 4);
    }

    @Test
    void aDiscardedDeadLetterIsGoneAndNeverDelivered() {
        publish();
        String id = awaitDeadLetters(1).get(0).get("id").asText();

        Reply reply = http.delete("/dead-letters/" + id);

        assertThat(reply.json().get("discarded").asInt()).isEqualTo(1);
        assertThat(deadLetters()).isEmpty();
        assertThat(http.get("/dead-letters/" + id).status()).isEqualTo(404);
    }

    @Test
    void theDeadLetterListingFiltersByTenant() {
        publish();
        awaitDeadLetters(1);

        JsonNode other = http.get("/dead-letters?tenant_id=" + UUID.randomUUID()).json();

        assertThat(other.get("count").asInt()).isZero();
    }

    private String publish() {
        return http.post("/events/publish", "{\"event_type\": \"lead.created\", \"tenant_id\": \"%s\"}".formatted(tenant))
                .json().get("event_id").asText();
    }

    private JsonNode awaitDeadLetters(int count) {
        Await.until(count + " dead letters are listed", () -> deadLetters().size() == count);
        return deadLetters();
    }

    private JsonNode deadLetters() {
        Reply reply = http.get("/dead-letters?subscription_id=" + subscription + "&tenant_id=" + tenant);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().get("dead_letters");
    }
}
