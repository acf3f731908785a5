package com.bizosaas.eventbus.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.DispatchWatcher;
import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.contract.Await;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.PublishReceipt;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link EventBus#watchDispatches}: what the server's live tail follows instead of polling the store. */
class DispatchWatchTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final UUID tenant = UUID.randomUUID();
    private final EventBus bus = EventBus.builder().build().start();

    @AfterEach
    void stop() {
        bus.close();
    }

    private PublishReceipt publish(String subject) {
        return bus.publish(Event.builder().type("lead.created").tenant(tenant).source("crm").subject(subject).build());
    }

    @Test
    void aWatcherSeesEveryDispatchedEventWithItsStorePositionEvenWithoutSubscriptions() {
        List<Event> seen = new CopyOnWriteArrayList<>();
        bus.watchDispatches(seen::add);

        PublishReceipt first = publish("lead-1");
        PublishReceipt second = publish("lead-2");

        Await.until(WAIT, () -> seen.size() == 2, "both events are seen");
        assertThat(seen).extracting(Event::id).containsExactlyInAnyOrder(first.eventId(), second.eventId());
        assertThat(seen).extracting(Event::position).containsExactlyInAnyOrder(first.position(), second.position());
    }

    @Test
    void aFailingWatcherDoesNotStopDispatchNorTheOtherWatchersAndAClosedOneSeesNothingMore() {
        List<Event> seen = new CopyOnWriteArrayList<>();
        List<Event> closedSeen = new CopyOnWriteArrayList<>();
        bus.watchDispatches(event -> {
            throw new IllegalStateException("watcher bug");
        });
        DispatchWatcher.Watch closed = bus.watchDispatches(closedSeen::add);
        bus.watchDispatches(seen::add);
        List<Event> handled = new CopyOnWriteArrayList<>();
        bus.on("lead.created", "crm", (event) -> handled.add(event));

        publish("lead-1");
        Await.until(WAIT, () -> seen.size() == 1 && closedSeen.size() == 1, "the first event is seen");
        closed.close();
        publish("lead-2");

        Await.until(WAIT, () -> seen.size() == 2 && handled.size() == 2, "the second event is dispatched and seen");
        assertThat(closedSeen).hasSize(1);
    }
}
