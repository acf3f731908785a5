package com.bizosaas.eventbus.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.contract.Await;
import com.bizosaas.eventbus.contract.Concurrently;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** client.follow: a catch-up subscription over the server's event stream. */
class FollowIT {
    @RegisterExtension
    static final InProcessServer SERVER = new InProcessServer();

    private static final Duration WAIT = Duration.ofSeconds(60);
    private final UUID tenant = UUID.randomUUID();

    private List<Long> publish(EventBusClient client, int count) {
        List<PublishRequest> requests = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            requests.add(PublishRequest.builder("ledger.entry", tenant).build());
        }
        return client.publishBatch(requests).stream().map(Receipt::position).toList();
    }

    @Test
    void aFollowerCatchesUpAndFollowsLiveWithEveryEventOnceInOrderWhilePublishersRaceTheSwitch() throws Exception {
        EventBusClient client = SERVER.client("projection");
        List<Long> expected = Collections.synchronizedList(new ArrayList<>(publish(client, 600)));
        List<Long> handled = new CopyOnWriteArrayList<>();
        AtomicBoolean caughtUp = new AtomicBoolean();
        long historyEnd = expected.get(expected.size() - 1);
        try (Follower follower = client.follow(tenant, 0, event -> {
            handled.add(event.position());
            if (event.position() >= historyEnd) {
                caughtUp.set(true);
            }
        })) {
            // Publishing overlaps the catch-up and goes on past the point where the history read was done.
            Concurrently.run(3, () -> {
                int afterCatchUp = 0;
                for (int batch = 0; afterCatchUp < 15; batch++) {
                    assertThat(batch).as("batches before the follower caught up").isLessThan(5_000);
                    expected.addAll(publish(client, 5));
                    afterCatchUp += caughtUp.get() ? 1 : 0;
                }
                return null;
            });
            Await.until(WAIT, () -> handled.size() >= expected.size(), "the follower handles every event");
            List<Long> sorted = new ArrayList<>(expected);
            Collections.sort(sorted);
            assertThat(handled).isEqualTo(sorted);
            assertThat(follower.position()).isEqualTo(sorted.get(sorted.size() - 1));
        }
    }

    @Test
    void aFollowerStartedAgainFromItsPositionGetsOnlyWhatCameAfterAndAFailedEventComesAgain() {
        EventBusClient client = SERVER.client("projection");
        List<Long> all = new ArrayList<>(publish(client, 20));
        List<Long> first = new CopyOnWriteArrayList<>();
        long resumeAt;
        try (Follower follower = client.follow(tenant, 0, e -> first.add(e.position()))) {
            Await.until(WAIT, () -> first.size() == 20, "the first follower handles 20 events");
            resumeAt = follower.position();
        }
        all.addAll(publish(client, 10));
        List<Long> second = new CopyOnWriteArrayList<>();
        AtomicBoolean failed = new AtomicBoolean();
        try (Follower follower = client.follow(tenant, resumeAt, e -> {
            if (e.position() == all.get(25) && failed.compareAndSet(false, true)) {
                throw new IllegalStateException("projection store down");
            }
            second.add(e.position());
        })) {
            Await.until(WAIT, () -> second.size() >= 10, "the resumed follower handles the 10 new events");
        }
        List<Long> both = new ArrayList<>(first);
        both.addAll(second);
        assertThat(failed).isTrue();
        assertThat(both).isEqualTo(all);
    }
}
