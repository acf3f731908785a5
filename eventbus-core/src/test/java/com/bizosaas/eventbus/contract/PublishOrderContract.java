package com.bizosaas.eventbus.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.spi.EventStore;
import com.bizosaas.eventbus.spi.MessageBroker;
import com.bizosaas.eventbus.memory.InMemoryEventStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Order per (tenant, subject) whatever the number of concurrent publishers: the broker hand-off
 * must follow store positions, not the order in which publisher threads return from the store.
 * Extend it once per broker (and store) and return fresh parts from the factory methods.
 */
public abstract class PublishOrderContract {
    private static final int PUBLISHERS = 16;
    private static final int EVENTS_PER_PUBLISHER = 400;
    private static final List<String> SUBJECTS = List.of("lead-1", "lead-2", "lead-3");
    private static final Duration WAIT = Duration.ofSeconds(90);

    private EventBus bus;

    /** A working broker of the kind under test; the bus closes it. */
    protected abstract MessageBroker newBroker();

    /** A fresh topic name the broker may create. */
    protected String topic() {
        return "order-" + UUID.randomUUID();
    }

    /** The store; the in-memory one unless the subclass tests another. The bus closes it. */
    protected EventStore newStore() {
        return new InMemoryEventStore();
    }

    @AfterEach
    void closeBus() {
        if (bus != null) {
            bus.close();
        }
    }

    @Test
    void sixteenConcurrentPublishersOnFewSubjectsAreDeliveredInPositionOrderPerSubject() throws Exception {
        bus = EventBus.builder().store(newStore()).broker(newBroker()).topic(topic())
                .build().start();
        UUID tenant = TestEvents.newTenant();
        Set<UUID> seen = ConcurrentHashMap.newKeySet();
        Map<String, List<Long>> positionsBySubject = new ConcurrentHashMap<>();
        // One subscription delivers one subject on one lane at a time, so appending needs no lock.
        bus.on(TestEvents.TYPE, "order-check", event -> {
            if (seen.add(event.id())) {
                positionsBySubject.computeIfAbsent(event.subject(), s -> new ArrayList<>()).add(event.position());
            }
        });
        AtomicInteger next = new AtomicInteger();

        List<List<UUID>> published = Concurrently.run(PUBLISHERS, () -> {
            List<UUID> ids = new ArrayList<>();
            for (int i = 0; i < EVENTS_PER_PUBLISHER; i++) {
                String subject = SUBJECTS.get(next.getAndIncrement() % SUBJECTS.size());
                Event event = TestEvents.event(tenant).id(null).subject(subject).build();
                ids.add(bus.publish(event).eventId());
            }
            return ids;
        });

        Set<UUID> acknowledged = ConcurrentHashMap.newKeySet();
        published.forEach(acknowledged::addAll);
        Await.until(WAIT, () -> seen.containsAll(acknowledged), "every acknowledged event is delivered");
        for (String subject : SUBJECTS) {
            List<Long> positions = positionsBySubject.get(subject);
            assertThat(positions).as("positions delivered for %s", subject).isSorted().doesNotHaveDuplicates();
        }
    }
}
