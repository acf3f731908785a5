package com.bizosaas.eventbus.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.Subscriptions.Registration;
import com.bizosaas.eventbus.contract.Await;
import com.bizosaas.eventbus.delivery.DeadLetterQuery;
import com.bizosaas.eventbus.delivery.Delivery;
import com.bizosaas.eventbus.delivery.RetryPolicy;
import com.bizosaas.eventbus.delivery.SubscriptionStatus;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.EventQuery;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * In-process deliveries with the in-memory delivery store, where first attempts skip the store
 * ({@link DirectDeliveries}): everything the store gives (retries, dead letters, order per
 * subject, pause, handlers that come and go) must still hold.
 */
class InProcessDeliveryTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final UUID tenant = UUID.randomUUID();
    private EventBus bus;

    @BeforeEach
    void start() {
        bus = busWithMaxAttempts(3);
    }

    @AfterEach
    void stop() {
        bus.close();
    }

    private static EventBus busWithMaxAttempts(int maxAttempts) {
        return EventBus.builder()
                .retryPolicy(new RetryPolicy(Duration.ofMillis(10), 2.0, Duration.ofMillis(50)))
                .defaultMaxAttempts(maxAttempts)
                .build().start();
    }

    private Event lead(String subject, int n) {
        return Event.builder().type("lead.created").tenant(tenant).source("crm-service").subject(subject)
                .data(JsonNodeFactory.instance.objectNode().put("n", n)).build();
    }

    private static int n(Event event) {
        return event.data().get("n").asInt();
    }

    @Test
    void aHandlerThatAlwaysFailsMakesDeadLettersWithEveryAttemptAndRedriveDeliversThem() {
        AtomicBoolean broken = new AtomicBoolean(true);
        List<Integer> handled = new CopyOnWriteArrayList<>();
        Registration registration = bus.on("lead.created", "scorer", event -> {
            if (broken.get()) {
                throw new IllegalStateException("scorer is down");
            }
            handled.add(n(event));
        });
        for (int n = 0; n < 3; n++) {
            bus.publish(lead(null, n));
        }

        DeadLetterQuery query = new DeadLetterQuery(tenant, registration.subscription().id(), null, 0, 100);
        Await.until(WAIT, () -> bus.deadLetters(query).items().size() == 3, "three dead letters");
        for (Delivery dead : bus.deadLetters(query).items()) {
            assertThat(dead.attemptLog()).hasSize(3)
                    .allSatisfy(a -> assertThat(a.error()).contains("scorer is down"));
        }
        assertThat(handled).isEmpty();

        broken.set(false);
        assertThat(bus.redrive(query)).isEqualTo(3);
        Await.until(WAIT, () -> handled.size() == 3, "the redriven events were handled");
        assertThat(handled).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(bus.deadLetterCount()).isZero();
    }

    @Test
    void aSubjectWaitingForARetryHoldsBackOnlyItsOwnLaterEvents() {
        bus.close();
        bus = busWithMaxAttempts(100); // lead-a/0 must keep being retried, not become a dead letter
        AtomicBoolean failFirst = new AtomicBoolean(true);
        AtomicInteger failures = new AtomicInteger();
        List<String> order = new CopyOnWriteArrayList<>();
        bus.on("lead.created", "scorer", event -> {
            if (event.subject().equals("lead-a") && n(event) == 0 && failFirst.get()) {
                failures.incrementAndGet();
                throw new IllegalStateException("lead-a/0 not yet");
            }
            order.add(event.subject() + "/" + n(event));
        });

        for (int n = 0; n < 3; n++) {
            bus.publish(lead("lead-a", n));
            bus.publish(lead("lead-b", n));
        }

        // Several retries of lead-a/0 give its later events every chance to overtake it, if they could.
        Await.until(WAIT, () -> order.size() == 3 && failures.get() >= 4, "lead-b's events passed the held lead-a");
        assertThat(order).containsExactly("lead-b/0", "lead-b/1", "lead-b/2");

        failFirst.set(false);
        bus.publish(lead("lead-a", 3));
        Await.until(WAIT, () -> order.size() == 7, "lead-a's events followed once its first succeeded");
        assertThat(order.subList(3, 7)).containsExactly("lead-a/0", "lead-a/1", "lead-a/2", "lead-a/3");
    }

    @Test
    void eventsPublishedWhilePausedAreHandledInOrderAfterResumeBeforeLaterOnes() {
        List<Integer> order = new CopyOnWriteArrayList<>();
        Registration registration = bus.on("lead.created", "scorer", event -> order.add(n(event)));
        UUID id = registration.subscription().id();

        bus.setStatus(id, SubscriptionStatus.PAUSED);
        for (int n = 0; n < 3; n++) {
            bus.publish(lead("lead-1", n));
        }
        Await.until(WAIT, () -> bus.history(EventQuery.forTenant(tenant).build()).items().size() == 3,
                "the events were stored");
        assertThat(order).isEmpty();

        bus.setStatus(id, SubscriptionStatus.ACTIVE);
        bus.publish(lead("lead-1", 3));
        Await.until(WAIT, () -> order.size() == 4, "all four events were handled");
        assertThat(order).containsExactly(0, 1, 2, 3);
    }

    @Test
    void eventsForAClosedHandlerWaitForTheNextRegistration() {
        List<Integer> first = new CopyOnWriteArrayList<>();
        Registration registration = bus.on("lead.created", "scorer", event -> first.add(n(event)));
        bus.publish(lead(null, 0));
        Await.until(WAIT, () -> first.size() == 1, "the first handler saw the first event");

        registration.close();
        bus.publish(lead(null, 1));
        bus.publish(lead(null, 2));

        List<Integer> second = new CopyOnWriteArrayList<>();
        bus.on("lead.created", "scorer", event -> second.add(n(event)));
        Await.until(WAIT, () -> second.size() == 2, "the new handler got what was published in between");
        assertThat(second).containsExactlyInAnyOrder(1, 2);
        assertThat(first).containsExactly(0);
    }
}
