package com.bizosaas.eventbus.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bizosaas.eventbus.ConflictException;
import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.NotFoundException;
import com.bizosaas.eventbus.PulledEvent;
import com.bizosaas.eventbus.delivery.DeliveryMode;
import com.bizosaas.eventbus.delivery.Subscription;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.EventQuery;
import com.bizosaas.eventbus.model.PublishReceipt;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Scheduled publish end to end: an event with a future {@code deliver_at} is stored and
 * positioned at once, shown in the history with its due time, dispatched only once due (events
 * of one due time in position order), and can be cancelled before. Extend it once per store and
 * return a started bus from {@link #newBus()}.
 */
public abstract class ScheduledPublishContract {
    protected static final Duration WAIT = Duration.ofSeconds(20);

    protected final UUID tenant = TestEvents.newTenant();
    protected EventBus bus;

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
    void aScheduledEventIsStoredAtOnceAndDispatchedWhenDue() {
        Subscription sub = pullSubscription(bus, tenant, "audit");
        Instant due = Instant.now().plusMillis(1500).truncatedTo(ChronoUnit.MILLIS);
        PublishReceipt scheduled = bus.publish(TestEvents.event(tenant).deliverAt(due).build());
        PublishReceipt immediate = bus.publish(TestEvents.event(tenant).build());

        Event stored = bus.history(EventQuery.forTenant(tenant).build()).items().stream()
                .filter(e -> e.id().equals(scheduled.eventId())).findFirst().orElseThrow();
        assertThat(stored.deliverAt()).as("the history shows the due time").isEqualTo(due);
        assertThat(scheduled.position()).as("positioned at publish, before the immediate one")
                .isLessThan(immediate.position());

        Map<UUID, Instant> arrivals = pullUntil(bus, sub, 2);
        assertThat(arrivals).containsOnlyKeys(scheduled.eventId(), immediate.eventId());
        assertThat(arrivals.get(immediate.eventId())).as("the immediate event did not wait").isBefore(due);
        assertThat(arrivals.get(scheduled.eventId())).as("the scheduled event waited for its due time")
                .isAfterOrEqualTo(due);
    }

    @Test
    void eventsDueAtOneInstantAreDispatchedInPositionOrderAfterEarlierDueOnes() {
        Subscription sub = pullSubscription(bus, tenant, "audit");
        Instant later = Instant.now().plusMillis(2000);
        Instant sooner = later.minusMillis(700);
        List<Event> batch = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            batch.add(TestEvents.event(tenant).deliverAt(later).build());
        }
        List<PublishReceipt> lateOnes = new ArrayList<>(bus.publishAll(batch));
        for (int i = 0; i < 5; i++) {
            lateOnes.add(bus.publish(TestEvents.event(tenant).deliverAt(later).build()));
        }
        List<PublishReceipt> soonOnes = bus.publishAll(List.of(TestEvents.event(tenant).deliverAt(sooner).build(),
                TestEvents.event(tenant).deliverAt(sooner).build()));

        List<UUID> expected = new ArrayList<>();
        soonOnes.stream().sorted(Comparator.comparingLong(PublishReceipt::position))
                .forEach(r -> expected.add(r.eventId()));
        lateOnes.stream().sorted(Comparator.comparingLong(PublishReceipt::position))
                .forEach(r -> expected.add(r.eventId()));
        List<UUID> order = new ArrayList<>(pullUntil(bus, sub, expected.size()).keySet());
        assertThat(order).containsExactlyElementsOf(expected);
    }

    @Test
    void aCancelledEventIsNeverDispatchedButStaysInTheHistory() {
        Subscription sub = pullSubscription(bus, tenant, "audit");
        Instant due = Instant.now().plusMillis(1000);
        UUID cancelled = bus.publish(TestEvents.event(tenant).deliverAt(due).build()).eventId();
        UUID marker = bus.publish(TestEvents.event(tenant).deliverAt(due.plusMillis(500)).build()).eventId();
        UUID immediate = bus.publish(TestEvents.event(tenant).build()).eventId();

        bus.cancelScheduled(tenant, cancelled);

        assertThatThrownBy(() -> bus.cancelScheduled(tenant, cancelled)).as("cancelled before")
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> bus.cancelScheduled(tenant, immediate)).as("never scheduled")
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> bus.cancelScheduled(tenant, UUID.randomUUID())).as("unknown event")
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> bus.cancelScheduled(TestEvents.newTenant(), marker)).as("another tenant's event")
                .isInstanceOf(NotFoundException.class);
        // The marker was due after the cancelled event: once it arrived, the cancelled one would have too.
        Map<UUID, Instant> arrivals = pullUntil(bus, sub, 2);
        assertThat(arrivals).containsOnlyKeys(immediate, marker);
        assertThat(bus.find(tenant, cancelled)).as("still in the history").isPresent();
        assertThatThrownBy(() -> bus.cancelScheduled(tenant, marker)).as("already dispatched")
                .isInstanceOf(ConflictException.class);
    }

    protected static Subscription pullSubscription(EventBus bus, UUID tenant, String service) {
        return bus.subscribe(new Subscription(UUID.randomUUID(), tenant, TestEvents.TYPE, service, DeliveryMode.PULL,
                null, null, 5, null, true, null, null, null, null, null, null));
    }

    /** Pulls and acknowledges until {@code count} events arrived; returns their ids in arrival order with when. */
    protected static Map<UUID, Instant> pullUntil(EventBus bus, Subscription sub, int count) {
        Map<UUID, Instant> arrivals = new LinkedHashMap<>();
        Await.until(WAIT, () -> {
            List<PulledEvent> pulled = bus.pull(sub.id(), 100, Duration.ofMillis(50));
            Instant now = Instant.now();
            if (!pulled.isEmpty()) {
                bus.ack(sub.id(), pulled.stream().map(PulledEvent::ackId).toList());
                pulled.forEach(p -> arrivals.putIfAbsent(p.event().id(), now));
            }
            return arrivals.size() >= count;
        }, sub.serviceName() + " pulled " + count + " events");
        return arrivals;
    }
}
