package com.bizosaas.eventbus.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.model.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A tenant's feed hands its streams every event once, in position order, whatever order dispatch sees. */
class TenantFeedTest {
    private final UUID tenant = UUID.randomUUID();
    private final TenantFeed feed = new TenantFeed(tenant, 10);

    private Event event(long position, String type) {
        return Event.builder().type(type).tenant(tenant).source("crm").position(position).build();
    }

    private static List<Long> drain(StreamClient client) throws InterruptedException {
        List<Long> positions = new ArrayList<>();
        for (Event e = client.next(Duration.ZERO); e != null; e = client.next(Duration.ZERO)) {
            positions.add(e.position());
        }
        return positions;
    }

    @Test
    void theNextPositionGoesOutAtOnceAndAnythingElseAsksForAStoreRead() throws InterruptedException {
        StreamClient client = new StreamClient(tenant, Set.of(), 100);
        assertThat(feed.join(client)).isEqualTo(10);

        assertThat(feed.dispatched(event(11, "lead.created"))).isFalse();
        assertThat(feed.dispatched(event(13, "lead.created"))).as("12 is missing").isTrue();
        assertThat(feed.dispatched(event(11, "lead.created"))).as("a redelivery").isFalse();
        feed.read(List.of(event(11, "lead.created"), event(12, "lead.created"), event(13, "lead.created")));
        assertThat(feed.dispatched(event(12, "lead.created"))).as("late, already read").isFalse();

        assertThat(drain(client)).containsExactly(11L, 12L, 13L);
        assertThat(feed.cursor()).isEqualTo(13);
    }

    @Test
    void eachClientGetsOnlyItsTypesAndAClientWithAFullQueueIsMarkedTooSlowAndForgotten() throws InterruptedException {
        StreamClient qualifiedOnly = new StreamClient(tenant, Set.of("lead.qualified"), 100);
        StreamClient slow = new StreamClient(tenant, Set.of(), 2);
        feed.join(qualifiedOnly);
        feed.join(slow);

        feed.read(List.of(event(11, "lead.created"), event(12, "lead.qualified"), event(13, "lead.created"),
                event(14, "lead.qualified")));

        assertThat(drain(qualifiedOnly)).containsExactly(12L, 14L);
        assertThat(slow.tooSlow()).isTrue();
        assertThat(drain(slow)).as("what was queued before it fell behind").containsExactly(11L, 12L);
        feed.read(List.of(event(15, "lead.created")));
        assertThat(drain(slow)).isEmpty();
        assertThat(feed.leave(qualifiedOnly)).as("the slow client was already forgotten").isTrue();
    }
}
