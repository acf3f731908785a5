package com.bizosaas.eventbus.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.delivery.DeadLetterQuery;
import com.bizosaas.eventbus.delivery.DeliveryMode;
import com.bizosaas.eventbus.delivery.PayloadFormat;
import com.bizosaas.eventbus.delivery.Subscription;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.routing.EventCodec;
import com.bizosaas.eventbus.testing.WebhookReceiver;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A webhook subscription's {@code max_per_second}: deliveries over the rate wait, in subject
 * order, and none fails or turns into a dead letter. Extend it once per store and return a
 * started bus from {@link #newBus()}.
 */
public abstract class DeliveryRateContract {
    private static final int EVENTS = 100;
    private static final int SUBJECTS = 4;

    private final UUID tenant = TestEvents.newTenant();
    private EventBus bus;
    private WebhookReceiver receiver;

    /** A started bus on the store under test; the suite closes it after each test. */
    protected abstract EventBus newBus();

    @BeforeEach
    void open() throws Exception {
        bus = newBus();
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void close() {
        bus.close();
        receiver.close();
    }

    @Test
    void aWebhookLimitedTo20PerSecondGetsAHundredEventsInNoLessThanFiveSecondsInSubjectOrder() {
        Subscription limited = bus.subscribe(new Subscription(UUID.randomUUID(), tenant, TestEvents.TYPE, "small-crm",
                DeliveryMode.WEBHOOK, receiver.url(), null, 3, PayloadFormat.EVENTBUS, true, null, null, null, null,
                null, 20));
        long start = System.nanoTime();

        for (int n = 0; n < EVENTS; n++) {
            bus.publish(TestEvents.event(tenant).subject("lead-" + n % SUBJECTS)
                    .data(JsonNodeFactory.instance.objectNode().put("n", n)).build());
        }

        Await.until(Duration.ofSeconds(60), () -> receiver.accepted().size() >= EVENTS, "every event arrived");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        // A burst of 2 (a tenth of a second's worth), then 20 a second: 98 / 20 = 4.9 s at least.
        assertThat(took).as("100 deliveries at 20 per second").isGreaterThanOrEqualTo(Duration.ofMillis(4_500));
        assertThat(receiver.calls()).as("no delivery failed and was sent again").isEqualTo(EVENTS);
        Map<String, List<Integer>> bySubject = new LinkedHashMap<>();
        for (WebhookReceiver.Delivery d : receiver.accepted()) {
            Event event = EventCodec.decode(d.body());
            bySubject.computeIfAbsent(event.subject(), s -> new ArrayList<>()).add(event.data().get("n").asInt());
        }
        assertThat(bySubject).hasSize(SUBJECTS);
        bySubject.values().forEach(ns -> assertThat(ns).isSorted().hasSize(EVENTS / SUBJECTS));
        assertThat(bus.deadLetters(new DeadLetterQuery(tenant, limited.id(), null, 0, 100)).items()).isEmpty();
    }
}
