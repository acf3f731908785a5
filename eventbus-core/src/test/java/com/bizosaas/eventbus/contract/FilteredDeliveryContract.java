package com.bizosaas.eventbus.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.PulledEvent;
import com.bizosaas.eventbus.delivery.DeliveryMode;
import com.bizosaas.eventbus.delivery.ReplayJob;
import com.bizosaas.eventbus.delivery.ReplayRequest;
import com.bizosaas.eventbus.delivery.Subscription;
import com.bizosaas.eventbus.filtering.EventFilter;
import com.bizosaas.eventbus.model.WireJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Content filters end to end: the engine creates deliveries only for events the subscription's
 * filter matches, at dispatch and at replay, with the filter read back from the subscription
 * store. Extend it once per store and return a started bus from {@link #newBus()}.
 */
public abstract class FilteredDeliveryContract {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String HOT_LEADS = "{\"data\": {\"score\": [{\"numeric\": [\">=\", 70]}]}, "
            + "\"$or\": [{\"source_service\": [\"crm-service\"]}, {\"data\": {\"vip\": [true]}}]}";

    private final UUID tenant = TestEvents.newTenant();
    private EventBus bus;

    /** A started bus on the store under test; the suite closes it after each test. */
    protected abstract EventBus newBus();

    @BeforeEach
    void openBus() {
        bus = newBus();
    }

    @AfterEach
    void closeBus() {
        bus.close();
    }

    @Test
    void onlyEventsMatchingTheFilterGetADelivery() {
        Subscription everything = pullSubscription("audit", null);
        Subscription hot = pullSubscription("sales", HOT_LEADS);

        List<UUID> expected = publishMixedLeads();

        List<UUID> all = pullUntil(everything, expected.size() * 2);
        assertThat(all).as("the unfiltered subscription got every event").hasSize(expected.size() * 2);
        assertThat(pullUntil(hot, expected.size())).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(bus.pull(hot.id(), 100, Duration.ZERO)).as("nothing unmatched was delivered").isEmpty();
    }

    @Test
    void replayDeliversOnlyTheMatchingStoredEvents() {
        Subscription everything = pullSubscription("audit", null);
        List<UUID> expected = publishMixedLeads();
        pullUntil(everything, expected.size() * 2);
        Subscription late = pullSubscription("sales", HOT_LEADS);

        ReplayJob job = bus.startReplay(new ReplayRequest(tenant, late.id(), Set.of(), null, null, 0, 0));

        Await.until(WAIT, () -> bus.replay(job.id()).orElseThrow().state() == ReplayJob.State.COMPLETED,
                "the replay completed");
        assertThat(bus.replay(job.id()).orElseThrow().deliveriesQueued()).isEqualTo(expected.size());
        assertThat(pullUntil(late, expected.size())).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void theStoredSubscriptionKeepsItsFilter() {
        Subscription hot = pullSubscription("sales", HOT_LEADS);

        assertThat(bus.subscription(hot.id()).orElseThrow().filter()).isEqualTo(hot.filter());
    }

    /** Publishes as many matching leads as unmatched ones, ending with a match; returns the matches' ids. */
    private List<UUID> publishMixedLeads() {
        List<UUID> matching = new ArrayList<>();
        for (int n = 0; n < 4; n++) {
            publish("crm-service", 50 + n, false);
            publish("web-form", 80 + n, false);
            matching.add(publish("web-form", 75 + n, true));
            matching.add(publish("crm-service", 70 + n, false));
        }
        return matching;
    }

    private UUID publish(String source, int score, boolean vip) {
        return bus.publish(TestEvents.event(tenant).source(source)
                .data(JsonNodeFactory.instance.objectNode().put("score", score).put("vip", vip))
                .build()).eventId();
    }

    private Subscription pullSubscription(String service, String filter) {
        return bus.subscribe(new Subscription(UUID.randomUUID(), tenant, TestEvents.TYPE, service, DeliveryMode.PULL,
                null, null, 5, null, false, null, null, null, null, filter == null ? null : parse(filter), null));
    }

    private static EventFilter parse(String json) {
        try {
            return EventFilter.of(WireJson.reader().readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Pulls and acknowledges until {@code count} events arrived or the wait is over; returns their ids. */
    private List<UUID> pullUntil(Subscription sub, int count) {
        List<UUID> ids = new ArrayList<>();
        Await.until(WAIT, () -> {
            List<PulledEvent> pulled = bus.pull(sub.id(), 100, Duration.ofMillis(100));
            if (!pulled.isEmpty()) {
                bus.ack(sub.id(), pulled.stream().map(PulledEvent::ackId).toList());
                pulled.forEach(p -> ids.add(p.event().id()));
            }
            return ids.size() >= count;
        }, sub.serviceName() + " pulled " + count + " events");
        return ids;
    }
}
