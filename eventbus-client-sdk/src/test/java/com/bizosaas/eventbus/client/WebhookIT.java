package com.bizosaas.eventbus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.WireJson;
import com.bizosaas.eventbus.contract.Await;
import com.bizosaas.eventbus.routing.EventCodec;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WebhookIT {
    @RegisterExtension
    static final InProcessServer SERVER = new InProcessServer();

    private static final Duration WAIT = Duration.ofSeconds(15);

    private final UUID tenant = UUID.randomUUID();
    private WebhookReceiver receiver;
    private EventBusClient ai;

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = new WebhookReceiver();
        ai = SERVER.client("ai-agents");
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void aDeliveredWebhookPassesTheVerifierWithTheSecretFromRegistration() {
        SubscriptionInfo registered = ai.registerWebhook(WebhookRegistration.of("lead.created", receiver.url())
                .forTenant(tenant));
        Receipt receipt = ai.publish(PublishRequest.builder("lead.created", tenant)
                .data(Map.of("email", "jane@acme.example")).build());

        Await.until(WAIT, () -> !receiver.requests().isEmpty(), "the webhook arrived");
        WebhookReceiver.Request delivered = receiver.requests().get(0);
        WebhookVerifier verifier = WebhookVerifier.of(registered.secret());

        assertThat(registered.secret()).startsWith("whsec_");
        assertThat(delivered.header("webhook-id")).isEqualTo(receipt.eventId().toString());
        assertThatCode(() -> verifier.verify(delivered::header, delivered.body())).doesNotThrowAnyException();
        Event event = EventCodec.decode(delivered.body());
        assertThat(event.id()).isEqualTo(receipt.eventId());
        assertThat(event.data().get("email").asText()).isEqualTo("jane@acme.example");
    }

    @Test
    void aFilteredWebhookGetsOnlyTheMatchingEventsAndShowsItsFilter() throws Exception {
        JsonNode hotLeads = WireJson.reader().readTree("{\"data\": {\"score\": [{\"numeric\": [\">=\", 70]}]}}");
        SubscriptionInfo registered = ai.registerWebhook(WebhookRegistration.of("lead.created", receiver.url())
                .forTenant(tenant).withFilter(hotLeads));
        ai.publish(PublishRequest.builder("lead.created", tenant).subject("lead-1").data(Map.of("score", 10)).build());
        Receipt hot = ai.publish(PublishRequest.builder("lead.created", tenant).subject("lead-1")
                .data(Map.of("score", 80)).build());

        Await.until(WAIT, () -> !receiver.requests().isEmpty(), "the matching event arrived");
        assertThat(registered.filter()).isEqualTo(hotLeads);
        assertThat(ai.subscription(registered.id()).filter()).isEqualTo(hotLeads);
        // Both events share a subject and are delivered in order: had the first been delivered, it came first.
        assertThat(receiver.requests()).extracting(r -> EventCodec.decode(r.body()).id())
                .containsExactly(hot.eventId());
    }

    @Test
    void theVerifierRejectsARealDeliveryWhoseBodyWasAltered() {
        SubscriptionInfo registered = ai.registerWebhook(WebhookRegistration.of("lead.created", receiver.url())
                .forTenant(tenant));
        ai.publish(PublishRequest.builder("lead.created", tenant).data(Map.of("score", 10)).build());

        Await.until(WAIT, () -> !receiver.requests().isEmpty(), "the webhook arrived");
        WebhookReceiver.Request delivered = receiver.requests().get(0);
        byte[] altered = new String(delivered.body(), StandardCharsets.UTF_8).replace("10", "99")
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> WebhookVerifier.of(registered.secret()).verify(delivered::header, altered))
                .isInstanceOf(WebhookVerificationException.class)
                .hasFieldOrPropertyWithValue("code", "invalid_signature");
    }

    @Test
    void publishAndWaitReportsTheWebhooksFirstOutcome() {
        SubscriptionInfo registered = ai.registerWebhook(WebhookRegistration.of("campaign.*", receiver.url())
                .forTenant(tenant));

        Receipt receipt = ai.publishAndWait(PublishRequest.builder("campaign.launched", tenant).build());

        assertThat(receipt.outcomes()).singleElement().satisfies(outcome -> {
            assertThat(outcome.subscriptionId()).isEqualTo(registered.id());
            assertThat(outcome.success()).isTrue();
            assertThat(outcome.statusCode()).isEqualTo(200);
        });
        assertThat(receiver.requests()).hasSize(1);
    }

    @Test
    void aWebhookDisabledByA410SaysWhyAndGetsWhatWasPublishedMeanwhileOnceResumed() throws Exception {
        SubscriptionInfo registered = ai.registerWebhook(WebhookRegistration.of("lead.created", receiver.url())
                .forTenant(tenant));
        receiver.answer(410);
        ai.publish(PublishRequest.builder("lead.created", tenant).subject("lead-1").data(Map.of("n", 0)).build());
        Await.until(WAIT, () -> ai.subscription(registered.id()).status().equals("disabled"), "the 410 disabled it");

        SubscriptionInfo disabled = ai.subscription(registered.id());
        assertThat(disabled.disabledReason()).isEqualTo("the webhook answered 410 Gone");
        assertThat(disabled.disabledAt()).isNotNull();
        for (int n = 1; n <= 3; n++) {
            ai.publish(PublishRequest.builder("lead.created", tenant).subject("lead-1").data(Map.of("n", n)).build());
        }
        receiver.answer(200);
        HttpResponse<String> resumed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(SERVER.url() + "/subscriptions/" + registered.id() + "/resume"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(resumed.statusCode()).isEqualTo(200);
        assertThat(resumed.body()).contains("\"status\":\"active\"").doesNotContain("disabled_reason");
        // The refused event (received once already) and the three published while disabled, in order.
        Await.until(WAIT, () -> receiver.requests().size() == 5, "everything reached the webhook after resume");
        assertThat(receiver.requests()).extracting(r -> EventCodec.decode(r.body()).data().get("n").asInt())
                .containsExactly(0, 0, 1, 2, 3);
    }

    @Test
    void aRegisteredWebhookIsListedWithoutItsSecretAndCanBeDeleted() {
        SubscriptionInfo registered = ai.registerWebhook(WebhookRegistration.of("lead.*", receiver.url())
                .forTenant(tenant).withMaxAttempts(2).asCloudEvents().unordered());

        assertThat(ai.subscriptions()).extracting(SubscriptionInfo::id).contains(registered.id());
        SubscriptionInfo read = ai.subscription(registered.id());
        assertThat(read.secret()).isNull();
        assertThat(read.deliveryMode()).isEqualTo("webhook");
        assertThat(read.webhookUrl()).isEqualTo(receiver.url());
        assertThat(read.serviceName()).isEqualTo("ai-agents");
        assertThat(read.maxAttempts()).isEqualTo(2);
        assertThat(read.format()).isEqualTo("cloudevents");
        assertThat(read.ordered()).isFalse();

        ai.deleteSubscription(registered.id());

        assertThatThrownBy(() -> ai.subscription(registered.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aWebhookShowsItsCircuitOpenWhileItsEndpointFails() {
        receiver.answer(503);
        SubscriptionInfo registered = ai.registerWebhook(WebhookRegistration.of("lead.created", receiver.url())
                .forTenant(tenant));
        assertThat(ai.subscription(registered.id()).circuit().state()).isEqualTo("closed");
        for (int i = 0; i < 6; i++) {
            ai.publish(PublishRequest.builder("lead.created", tenant).subject("lead-" + i).build());
        }

        Await.until(WAIT, () -> ai.subscription(registered.id()).circuit().state().equals("open"),
                "the circuit opened (the server's default: 5 consecutive failures)");
        CircuitInfo circuit = ai.subscription(registered.id()).circuit();
        assertThat(circuit.consecutiveFailures()).isGreaterThanOrEqualTo(5);
        assertThat(circuit.nextProbeAt()).isAfter(circuit.openedAt());
    }
}
