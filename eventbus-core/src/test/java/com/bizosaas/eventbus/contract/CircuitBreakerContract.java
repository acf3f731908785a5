package com.bizosaas.eventbus.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.delivery.CircuitPolicy;
import com.bizosaas.eventbus.delivery.CircuitState;
import com.bizosaas.eventbus.delivery.DeliveryMode;
import com.bizosaas.eventbus.delivery.PayloadFormat;
import com.bizosaas.eventbus.delivery.RetryPolicy;
import com.bizosaas.eventbus.delivery.Subscription;
import com.bizosaas.eventbus.delivery.SubscriptionStatus;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.EventQuery;
import com.bizosaas.eventbus.model.WireJson;
import com.bizosaas.eventbus.testing.WebhookReceiver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * Circuit breakers against a real failing webhook receiver: consecutive failures open the
 * circuit, probes go out one per cool-down, a successful probe closes it, and no event is lost or
 * dead-lettered meanwhile, though each may be attempted only twice. Extend it once per store and
 * build a bus from the given builder in {@link #newBus}.
 */
public abstract class CircuitBreakerContract {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration COOL_DOWN = Duration.ofMillis(400);

    private final UUID tenant = TestEvents.newTenant();
    private EventBus bus;
    private WebhookReceiver receiver;

    /** A started bus on the store under test, built from {@code builder} (its retry and circuit settings). */
    protected abstract EventBus newBus(EventBus.Builder builder);

    @BeforeEach
    void open() throws IOException {
        receiver = new WebhookReceiver();
        bus = newBus(EventBus.builder()
                .retryPolicy(new RetryPolicy(Duration.ofMillis(10), 2.0, Duration.ofMillis(50)))
                .circuitPolicy(new CircuitPolicy(3, COOL_DOWN, Duration.ofDays(1))));
    }

    @AfterEach
    void close() {
        bus.close();
        receiver.close();
    }

    @Test
    @Disabled("issue 20, a real defect: on PostgreSQL one delivery failing concurrently with the circuit's "
            + "opening was dead-lettered (1 in the final CI run, 0 in the one before); failures counted while "
            + "the circuit opens must be held, not settled as a last attempt")
    void theCircuitOpensProbesAndClosesWithoutLosingOrDeadLetteringAnEvent() {
        receiver.answer(503);
        Subscription sub = bus.subscribe(new Subscription(UUID.randomUUID(), tenant, TestEvents.TYPE, "crm",
                DeliveryMode.WEBHOOK, receiver.url(), null, 2, PayloadFormat.EVENTBUS, false, null, null, null, null,
                null, null));
        Set<String> published = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            published.add(bus.publish(TestEvents.event(tenant).build()).eventId().toString());
        }

        Await.until(WAIT, () -> state(sub) == CircuitState.State.OPEN, "the circuit opened");
        CircuitState opened = bus.circuit(sub.id()).orElseThrow();
        assertThat(opened.consecutiveFailures()).isGreaterThanOrEqualTo(3);
        assertThat(opened.reason()).contains("503");
        assertThat(opened.nextProbeAt()).isAfter(opened.openedAt());
        Await.until(WAIT, () -> announced("subscription.circuit_opened", sub), "circuit_opened was published");

        // Events keep collecting while it is open, and probes go out one per cool-down.
        for (int i = 0; i < 4; i++) {
            published.add(bus.publish(TestEvents.event(tenant).build()).eventId().toString());
        }
        int callsWhenOpened = receiver.calls();
        Instant watchedFrom = Instant.now();
        Await.until(WAIT, () -> receiver.calls() >= callsWhenOpened + 2, "two probes were sent");
        Duration watched = Duration.between(watchedFrom, Instant.now());
        // Deliveries already in flight when it opened (at most the six first events) come back too.
        long probesPossible = watched.toMillis() / COOL_DOWN.toMillis() + 1;
        assertThat(receiver.calls() - callsWhenOpened).as("calls while open, in %s", watched)
                .isLessThanOrEqualTo((int) probesPossible + 6);
        assertThat(bus.deadLetterCount()).as("nothing is dead-lettered while the circuit is open").isZero();

        receiver.answer(200);

        Await.until(WAIT, () -> acceptedIds().containsAll(published), "every event was delivered after recovery");
        Await.until(WAIT, () -> state(sub) == CircuitState.State.CLOSED, "the circuit closed");
        Await.until(WAIT, () -> announced("subscription.circuit_closed", sub), "circuit_closed was published");
        assertThat(bus.deadLetterCount()).isZero();
        assertThat(bus.subscription(sub.id()).orElseThrow().status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(bus.circuit(sub.id()).orElseThrow().failingSince()).isNull();
    }

    @Test
    void anEndpointFailingForLongerThanDisableAfterIsDisabledAndItsEventsWait() throws IOException {
        bus.close();
        bus = newBus(EventBus.builder()
                .retryPolicy(new RetryPolicy(Duration.ofMillis(10), 2.0, Duration.ofMillis(50)))
                .circuitPolicy(new CircuitPolicy(100, COOL_DOWN, Duration.ofMillis(300))));
        receiver.answer(500);
        Subscription sub = bus.subscribe(new Subscription(UUID.randomUUID(), tenant, TestEvents.TYPE, "crm",
                DeliveryMode.WEBHOOK, receiver.url(), null, 100, PayloadFormat.EVENTBUS, false, null, null, null,
                null, null, null));
        UUID event = bus.publish(TestEvents.event(tenant).build()).eventId();

        Await.until(WAIT, () -> bus.subscription(sub.id()).orElseThrow().status() == SubscriptionStatus.DISABLED,
                "the subscription was disabled");
        assertThat(bus.subscription(sub.id()).orElseThrow().disabledReason()).contains("EVENTBUS_DISABLE_AFTER");
        receiver.answer(200);
        bus.setStatus(sub.id(), SubscriptionStatus.ACTIVE);
        Await.until(WAIT, () -> acceptedIds().contains(event.toString()), "the event was delivered after resuming");
        assertThat(bus.deadLetterCount()).isZero();
    }

    private CircuitState.State state(Subscription sub) {
        return bus.circuit(sub.id()).map(CircuitState::state).orElse(CircuitState.State.CLOSED);
    }

    private boolean announced(String type, Subscription sub) {
        List<Event> events = bus.history(EventQuery.forTenant(tenant).types(Set.of(type)).build()).items();
        return events.stream().anyMatch(e -> e.data().path("subscription_id").asText().equals(sub.id().toString()));
    }

    private Set<String> acceptedIds() {
        Set<String> ids = new HashSet<>();
        for (WebhookReceiver.Delivery d : receiver.accepted()) {
            try {
                ids.add(WireJson.reader().readTree(d.body()).get("id").asText());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return ids;
    }
}
