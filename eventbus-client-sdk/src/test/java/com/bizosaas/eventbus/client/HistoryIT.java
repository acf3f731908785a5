package com.bizosaas.eventbus.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.model.Event;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HistoryIT {
    @RegisterExtension
    static final InProcessServer SERVER = new InProcessServer();

    private final UUID tenant = UUID.randomUUID();
    private EventBusClient client;
    private List<UUID> published;

    @BeforeEach
    void publishTwentyFiveEvents() {
        client = SERVER.client("crm");
        published = client.publishBatch(IntStream.range(0, 25)
                        .mapToObj(i -> PublishRequest.builder(i % 5 == 0 ? "lead.qualified" : "lead.created", tenant)
                                .data(Map.of("n", i)).build())
                        .toList())
                .stream().map(Receipt::eventId).toList();
    }

    @Test
    void onePageHoldsAtMostTheLimitAndPointsToTheNext() {
        HistoryPage page = client.history(HistoryQuery.builder(tenant).limit(10).order(HistoryQuery.Order.OLDEST).build());

        assertThat(page.events()).extracting(Event::id).containsExactlyElementsOf(published.subList(0, 10));
        assertThat(page.nextCursor()).isNotNull();
    }

    @Test
    void theIteratorWalksEveryPageOldestFirst() {
        List<UUID> seen = new ArrayList<>();
        client.iterateHistory(HistoryQuery.builder(tenant).limit(10).order(HistoryQuery.Order.OLDEST).build())
                .forEachRemaining(e -> seen.add(e.id()));

        assertThat(seen).containsExactlyElementsOf(published);
    }

    @Test
    void theIteratorWalksEveryPageNewestFirst() {
        List<UUID> seen = new ArrayList<>();
        client.iterateHistory(HistoryQuery.builder(tenant).limit(7).build()).forEachRemaining(e -> seen.add(e.id()));

        List<UUID> newestFirst = new ArrayList<>(published);
        Collections.reverse(newestFirst);
        assertThat(seen).containsExactlyElementsOf(newestFirst);
    }

    @Test
    void theIteratorKeepsTheQuerysTypeFilterOnEveryPage() {
        List<Integer> numbers = new ArrayList<>();
        client.iterateHistory(HistoryQuery.builder(tenant).eventTypes("lead.qualified").limit(2)
                        .order(HistoryQuery.Order.OLDEST).build())
                .forEachRemaining(e -> numbers.add(e.data().get("n").asInt()));

        assertThat(numbers).containsExactly(0, 5, 10, 15, 20);
    }

    @Test
    void anotherTenantsHistoryIsEmpty() {
        assertThat(client.iterateHistory(HistoryQuery.builder(UUID.randomUUID()).build()).hasNext()).isFalse();
    }
}
