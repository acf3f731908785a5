package com.bizosaas.eventbus.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bizosaas.eventbus.ConflictException;
import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.routing.Namespace;
import com.bizosaas.eventbus.spi.MessageBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two deployments (each an engine with its own in-memory store) on one shared broker: on their own
 * namespaces each receives all of its events and none of the other's; on one namespace the second
 * is refused at start-up instead of splitting the first one's events with it. Extend it once per
 * broker that can see its groups' live members.
 */
public abstract class NamespaceContract {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final List<EventBus> buses = new ArrayList<>();

    /** A new broker client on the shared broker; the engine using it closes it. */
    protected abstract MessageBroker newBroker();

    /** Called with each namespace a test uses, to remove what it created on the broker afterwards. */
    protected void deleteAfterTest(Namespace namespace) {
    }

    @AfterEach
    void closeBuses() {
        buses.forEach(EventBus::close);
    }

    @Test
    void deploymentsOnTheirOwnNamespacesEachReceiveAllOfTheirOwnEventsAndNoneOfTheOthers() {
        EventBus first = started(namespace());
        EventBus second = started(namespace());
        Set<UUID> seenByFirst = ConcurrentHashMap.newKeySet();
        Set<UUID> seenBySecond = ConcurrentHashMap.newKeySet();
        first.on(TestEvents.TYPE, "crm", event -> seenByFirst.add(event.id()));
        second.on(TestEvents.TYPE, "crm", event -> seenBySecond.add(event.id()));
        UUID tenant = TestEvents.newTenant();

        Set<UUID> publishedToFirst = publish(first, tenant, 40);
        Set<UUID> publishedToSecond = publish(second, tenant, 40);

        Await.until(WAIT, () -> seenByFirst.size() == 40 && seenBySecond.size() == 40,
                "each deployment received its 40 events");
        assertThat(seenByFirst).isEqualTo(publishedToFirst);
        assertThat(seenBySecond).isEqualTo(publishedToSecond);
    }

    @Test
    void aSecondDeploymentWithAnotherStoreIsRefusedOnTheFirstOnesNamespace() {
        Namespace shared = namespace();
        started(shared);
        EventBus intruder = EventBus.builder().broker(newBroker()).namespace(shared).build();
        buses.add(intruder);

        assertThatThrownBy(intruder::start)
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("consumer group '" + shared.dispatchGroup() + "'")
                .hasMessageContaining("another deployment")
                .hasMessageContaining("EVENTBUS_NAMESPACE");
    }

    private Namespace namespace() {
        Namespace namespace = new Namespace("it-" + UUID.randomUUID().toString().substring(0, 8));
        deleteAfterTest(namespace);
        return namespace;
    }

    private EventBus started(Namespace namespace) {
        EventBus bus = EventBus.builder().broker(newBroker()).namespace(namespace).build();
        buses.add(bus);
        return bus.start();
    }

    private static Set<UUID> publish(EventBus bus, UUID tenant, int count) {
        Set<UUID> ids = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < count; i++) {
            Event event = TestEvents.event(tenant).build();
            ids.add(bus.publish(event).eventId());
        }
        return ids;
    }
}
