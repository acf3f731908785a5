package com.bizosaas.eventbus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bizosaas.eventbus.contract.Await;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The calls the command-line tool needs: pause/resume, dead letters, replays, health and the live stream. */
class OperatorCallsIT {
    @RegisterExtension
    static final InProcessServer SERVER = new InProcessServer();

    private static final Duration WAIT = Duration.ofSeconds(15);
    /** Nothing listens on port 1: every attempt is refused at once. */
    private static final String UNREACHABLE = "http://127.0.0.1:1/hook";

    private final UUID tenant = UUID.randomUUID();

    @Test
    void aSubscriptionIsPausedAndResumed() {
        EventBusClient ops = SERVER.client("ops");
        SubscriptionInfo sub = ops.registerWebhook(WebhookRegistration.of("lead.created", UNREACHABLE).forTenant(tenant));

        assertThat(ops.pauseSubscription(sub.id()).status()).isEqualTo("paused");
        assertThat(ops.subscription(sub.id()).status()).isEqualTo("paused");
        assertThat(ops.resumeSubscription(sub.id()).status()).isEqualTo("active");
    }

    @Test
    void aDeadLetterIsListedShownRedrivenAndDiscarded() {
        EventBusClient ops = SERVER.client("ops");
        SubscriptionInfo sub = ops.registerWebhook(WebhookRegistration.of("lead.created", UNREACHABLE)
                .forTenant(tenant).withMaxAttempts(1));
        Receipt receipt = ops.publish(PublishRequest.builder("lead.created", tenant).build());
        Map<String, String> filter = new HashMap<>();
        filter.put("subscription_id", sub.id().toString());

        Await.until(WAIT, () -> ops.deadLetters(filter).get("dead_letters").size() == 1, "the delivery is dead");
        JsonNode listed = ops.deadLetters(filter).get("dead_letters").get(0);
        UUID id = UUID.fromString(listed.get("id").asText());
        assertThat(listed.get("event_id").asText()).isEqualTo(receipt.eventId().toString());
        assertThat(ops.deadLetter(id).get("attempt_log").size()).isEqualTo(1);

        assertThat(ops.redriveDeadLetter(id).get("redriven").asInt()).isEqualTo(1);
        Await.until(WAIT, () -> ops.deadLetters(filter).get("dead_letters").size() == 1, "the redriven delivery died again");
        assertThat(ops.discardDeadLetter(id).get("discarded").asInt()).isEqualTo(1);
        assertThat(ops.deadLetters(filter).get("dead_letters")).isEmpty();
        assertThatThrownBy(() -> ops.deadLetter(UUID.randomUUID())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aReplayIsStartedAndItsProgressRead() {
        EventBusClient ops = SERVER.client("ops");
        SubscriptionInfo sub = ops.registerWebhook(WebhookRegistration.of("lead.created", UNREACHABLE).forTenant(tenant));
        ops.publish(PublishRequest.builder("lead.created", tenant).build());

        JsonNode job = ops.startReplay(sub.id(), JsonNodeFactory.instance.objectNode().put("tenant_id", tenant.toString()));
        UUID replayId = UUID.fromString(job.get("replay_id").asText());

        Await.until(WAIT, () -> !ops.replay(replayId).get("finished_at").isNull(), "the replay finished");
        assertThat(ops.replay(replayId).get("events_scanned").asLong()).isEqualTo(1);
    }

    @Test
    void healthHasTheSeedsShape() {
        JsonNode health = SERVER.client("ops").health();

        assertThat(health.get("status").asText()).isEqualTo("healthy");
        assertThat(health.get("components").has("event_store")).isTrue();
    }

    @Test
    void statsCountThePublishedEventsPerInterval() {
        EventBusClient ops = SERVER.client("ops");
        long before = ops.stats().get("totals").get("published").asLong();
        ops.publish(PublishRequest.builder("lead.created", tenant).build());

        JsonNode stats = ops.stats();

        assertThat(stats.get("totals").get("published").asLong()).isGreaterThan(before);
        assertThat(stats.get("interval_seconds").asInt()).isEqualTo(10);
        // The running interval, or the one just closed if a sample fell between publish and read.
        assertThat(stats.get("points")).anySatisfy(p -> assertThat(p.get("published_per_second").asDouble()).isPositive());
    }

    @Test
    void theLiveStreamDeliversNewEventsWithTheirPositionsAndResumesAfterOne() throws Exception {
        EventBusClient ops = SERVER.client("ops");
        Receipt first = ops.publish(PublishRequest.builder("lead.created", tenant).build());

        Receipt second;
        try (EventStream stream = ops.stream(tenant, List.of("lead.created"), first.position())) {
            second = ops.publish(PublishRequest.builder("lead.created", tenant).build());
            ops.publish(PublishRequest.builder("lead.qualified", tenant).build());
            StreamMessage message = CompletableFuture.supplyAsync(() -> {
                try {
                    return stream.next();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(message.position()).isEqualTo(second.position());
            assertThat(message.eventType()).isEqualTo("lead.created");
            assertThat(message.json()).contains(second.eventId().toString());
        }
        assertThatThrownBy(() -> ops.stream(UUID.randomUUID(), List.of("Not A Type"), null))
                .isInstanceOf(InvalidRequestException.class);
    }
}
