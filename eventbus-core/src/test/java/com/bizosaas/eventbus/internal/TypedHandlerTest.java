package com.bizosaas.eventbus.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.InProcessOptions;
import com.bizosaas.eventbus.Subscriptions.Registration;
import com.bizosaas.eventbus.ValidationException;
import com.bizosaas.eventbus.contract.Await;
import com.bizosaas.eventbus.delivery.DeadLetterQuery;
import com.bizosaas.eventbus.delivery.Delivery;
import com.bizosaas.eventbus.delivery.RetryPolicy;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.EventDataMappingException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Typed event data: records and maps in, records out, and a dead letter when the data does not fit. */
class TypedHandlerTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    record LeadCreated(String leadId, String email, int score, Instant receivedAt) {
    }

    record Campaign(UUID campaignId, List<String> channels) {
    }

    private final UUID tenant = UUID.randomUUID();
    private final EventBus bus = EventBus.builder()
            .retryPolicy(new RetryPolicy(Duration.ofMillis(10), 2.0, Duration.ofMillis(50)))
            .defaultMaxAttempts(3)
            .build().start();

    @AfterEach
    void stop() {
        bus.close();
    }

    private Event.Builder lead() {
        return Event.builder().type("lead.created").tenant(tenant).source("crm");
    }

    @Test
    void aRecordPublishedAsDataReachesATypedHandlerAsTheSameRecord() {
        LeadCreated sent = new LeadCreated("lead-1", "a@example.com", 87, Instant.parse("2026-01-02T03:04:05Z"));
        List<LeadCreated> received = new CopyOnWriteArrayList<>();
        bus.on("lead.created", "crm", LeadCreated.class, (event, lead) -> received.add(lead));

        Event published = lead().data(sent).build();
        bus.publish(published);

        Await.until(WAIT, () -> received.size() == 1, "the typed handler got the lead");
        assertThat(received).containsExactly(sent);
        assertThat(published.data().get("receivedAt").asText()).isEqualTo("2026-01-02T03:04:05Z");
    }

    @Test
    void aMapPublishedAsDataIsMappedOntoTheHandlersTypeIgnoringUnknownFields() {
        List<LeadCreated> received = new CopyOnWriteArrayList<>();
        bus.on("lead.*", "crm", LeadCreated.class, (event, lead) -> received.add(lead));

        bus.publish(lead().data(Map.of("leadId", "lead-2", "score", 40, "utm_source", "ads")).build());

        Await.until(WAIT, () -> received.size() == 1, "the typed handler got the lead");
        assertThat(received.get(0)).isEqualTo(new LeadCreated("lead-2", null, 40, null));
    }

    @Test
    void dataThatDoesNotFitIsADeadLetterAtOnceCarryingTheMappingMessage() {
        AtomicInteger calls = new AtomicInteger();
        Registration registration = bus.on("lead.created", "crm", Campaign.class, (event, campaign) ->
                calls.incrementAndGet());

        Event published = lead().data(Map.of("campaignId", "not-a-uuid")).build();
        UUID eventId = bus.publish(published).eventId();

        DeadLetterQuery query = new DeadLetterQuery(tenant, registration.subscription().id(), null, 0, 10);
        Await.until(WAIT, () -> bus.deadLetters(query).items().size() == 1, "a dead letter");
        Delivery dead = bus.deadLetters(query).items().get(0);
        assertThat(dead.eventId()).isEqualTo(eventId);
        assertThat(dead.attemptLog()).singleElement().satisfies(attempt -> assertThat(attempt.error())
                .contains("EventDataMappingException", "does not fit", Campaign.class.getName(), "not-a-uuid"));
        assertThat(calls).hasValue(0);
    }

    @Test
    void dataThatIsNotAJsonObjectIsRefusedWhenTheEventIsBuilt() {
        assertThatThrownBy(() -> lead().data(List.of(1, 2)).build())
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("data must serialize to a JSON object; got ARRAY")
                .extracting(e -> ((ValidationException) e).field()).isEqualTo("data");
    }

    @Test
    void dataAsThrowsTheMappingExceptionForDataThatDoesNotFit() {
        Event event = lead().data(Map.of("score", "high")).build();
        assertThatThrownBy(() -> event.dataAs(LeadCreated.class))
                .isInstanceOf(EventDataMappingException.class)
                .hasMessageContaining("does not fit " + LeadCreated.class.getName());
    }

    @Test
    void registrationOptionsSetTheSubscriptionsAttemptsAndOrderingAndALaterRegistrationReplacesThem() {
        Registration first = bus.on("lead.created", "scorer", new InProcessOptions(7, false), event -> {
        });
        assertThat(first.subscription().maxAttempts()).isEqualTo(7);
        assertThat(first.subscription().ordered()).isFalse();

        Registration again = bus.on("lead.created", "scorer", event -> {
        });
        assertThat(again.subscription().id()).isEqualTo(first.subscription().id());
        assertThat(again.subscription().maxAttempts()).isEqualTo(3);
        assertThat(again.subscription().ordered()).isTrue();
        assertThat(again.subscription().createdAt()).isEqualTo(first.subscription().createdAt());
    }

    @Test
    void optionsRejectAttemptsOutOfRange() {
        assertThatThrownBy(() -> new InProcessOptions(101, true))
                .isInstanceOf(ValidationException.class).hasMessageContaining("got 101");
    }
}
