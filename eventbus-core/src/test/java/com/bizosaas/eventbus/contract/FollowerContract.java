package com.bizosaas.eventbus.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.following.FollowOptions;
import com.bizosaas.eventbus.following.Follower;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.PublishReceipt;
import com.bizosaas.eventbus.spi.EventStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Catch-up subscriptions ({@link EventBus#follow}) on a store: history first, then live, each
 * event exactly once in position order, also while publishers race the switch; resume from a
 * position after a restart. Extend it once per store.
 */
public abstract class FollowerContract {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int PUBLISHERS = 4;
    private static final int BATCHES_AFTER_LIVE = 20;
    private static final int MAX_BATCHES = 5_000;
    private static final int BATCH = 10;

    private EventBus bus;
    private final UUID tenant = TestEvents.newTenant();

    /** The store under test; the bus closes it. */
    protected abstract EventStore newStore();

    @BeforeEach
    void startBus() {
        bus = EventBus.builder().store(newStore()).build().start();
    }

    @AfterEach
    void closeBus() {
        bus.close();
    }

    private List<PublishReceipt> publish(int count, String type) {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(Event.builder().type(type).tenant(tenant).source("follower-contract").build());
        }
        return bus.publishAll(events);
    }

    private static List<Long> positions(List<PublishReceipt> receipts) {
        return receipts.stream().map(PublishReceipt::position).toList();
    }

    @Test
    void aFollowerCatchesUpThenFollowsLiveWithEveryEventOnceInOrderWhilePublishersRaceTheSwitch() throws Exception {
        List<Long> expected = Collections.synchronizedList(new ArrayList<>(positions(publish(1200, "ledger.entry"))));
        List<Long> handled = new CopyOnWriteArrayList<>();
        try (Follower follower = bus.follow(tenant, 0, event -> handled.add(event.position()))) {
            // Publishing starts during the catch-up and goes on until well after the follower is live,
            // so some events are stored while it turns from reading history to following.
            Concurrently.run(PUBLISHERS, () -> {
                int afterLive = 0;
                for (int batch = 0; afterLive < BATCHES_AFTER_LIVE; batch++) {
                    assertThat(batch).as("batches published before the follower went live").isLessThan(MAX_BATCHES);
                    expected.addAll(positions(publish(BATCH, "ledger.entry")));
                    afterLive += follower.isLive() ? 1 : 0;
                }
                return null;
            });
            int total = expected.size();
            Await.until(WAIT, () -> handled.size() >= total, "the follower handles all " + total + " events");
            assertThat(follower.isLive()).isTrue();
            // Then one more, published once the follower is live.
            expected.addAll(positions(publish(1, "ledger.entry")));
            Await.until(WAIT, () -> handled.size() >= total + 1, "the follower handles the live event");
            assertThat(handled).isSorted().doesNotHaveDuplicates();
            List<Long> sortedExpected = new ArrayList<>(expected);
            Collections.sort(sortedExpected);
            assertThat(handled).isEqualTo(sortedExpected);
            assertThat(follower.position()).isEqualTo(sortedExpected.get(sortedExpected.size() - 1));
        }
    }

    @Test
    void aRestartedFollowerResumesAfterItsLastPositionWithoutGapOrDuplicate() {
        List<Long> all = new ArrayList<>(positions(publish(50, "ledger.entry")));
        List<Long> first = new CopyOnWriteArrayList<>();
        long resumeAt;
        try (Follower follower = bus.follow(tenant, 0, event -> first.add(event.position()))) {
            Await.until(WAIT, () -> first.size() == 50, "the first follower handles 50 events");
            resumeAt = follower.position();
        }
        all.addAll(positions(publish(30, "ledger.entry")));
        List<Long> second = new CopyOnWriteArrayList<>();
        try (Follower follower = bus.follow(tenant, resumeAt, event -> second.add(event.position()))) {
            Await.until(WAIT, () -> second.size() >= 30, "the resumed follower handles the 30 new events");
        }
        List<Long> both = new ArrayList<>(first);
        both.addAll(second);
        assertThat(both).isEqualTo(all);
    }

    @Test
    void aFailingHandlerGetsTheSameEventAgainAndNothingIsSkipped() {
        List<Long> all = positions(publish(5, "ledger.entry"));
        List<Long> handled = new CopyOnWriteArrayList<>();
        AtomicBoolean failedOnce = new AtomicBoolean();
        try (Follower follower = bus.follow(tenant, 0, event -> {
            if (event.position() == all.get(2) && failedOnce.compareAndSet(false, true)) {
                throw new IllegalStateException("projection database unavailable");
            }
            handled.add(event.position());
        })) {
            Await.until(WAIT, () -> handled.size() == 5, "the follower handles all 5 events");
        }
        assertThat(failedOnce).isTrue();
        assertThat(handled).isEqualTo(all);
    }

    @Test
    void aFollowerOfSomeTypesSkipsTheOthers() {
        publish(3, "ledger.entry");
        List<Long> wanted = positions(publish(2, "ledger.closed"));
        List<Long> handled = new CopyOnWriteArrayList<>();
        try (Follower follower = bus.follow(tenant, 0,
                FollowOptions.DEFAULTS.withEventTypes(Set.of("ledger.closed")), e -> handled.add(e.position()))) {
            Await.until(WAIT, follower::isLive, "the follower is live");
            Await.until(WAIT, () -> handled.size() >= 2, "the follower handles the 2 ledger.closed events");
        }
        assertThat(handled).isEqualTo(wanted);
    }
}
