package com.bizosaas.eventbus.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.client.HistoryPage;
import com.bizosaas.eventbus.client.HistoryQuery;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class HistoryIteratorTest {
    private final UUID tenant = UUID.randomUUID();
    private final HistoryQuery query = HistoryQuery.builder(tenant).limit(2).build();
    private final List<HistoryQuery> asked = new ArrayList<>();

    @Test
    void followsTheCursorUntilAPageHasNone() {
        Map<Long, HistoryPage> pages = Map.of(
                -1L, new HistoryPage(List.of(event(1), event(2)), 2L),
                2L, new HistoryPage(List.of(event(3), event(4)), 4L),
                4L, new HistoryPage(List.of(event(5)), null));
        Iterator<Event> events = new HistoryIterator(q -> {
            asked.add(q);
            return pages.get(q.after() == null ? -1L : q.after());
        }, query);

        List<Long> positions = new ArrayList<>();
        events.forEachRemaining(e -> positions.add(e.position()));

        assertThat(positions).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(asked).extracting(HistoryQuery::after).containsExactly(null, 2L, 4L);
        assertThat(asked).allSatisfy(q -> assertThat(q.limit()).isEqualTo(2));
    }

    @Test
    void fetchesNothingBeforeItIsAsked() {
        new HistoryIterator(q -> {
            asked.add(q);
            return new HistoryPage(List.of(), null);
        }, query);

        assertThat(asked).isEmpty();
    }

    @Test
    void skipsAnEmptyPageThatStillHasACursor() {
        Map<Long, HistoryPage> pages = Map.of(
                -1L, new HistoryPage(List.of(), 7L),
                7L, new HistoryPage(List.of(event(8)), null));
        Iterator<Event> events = new HistoryIterator(q -> pages.get(q.after() == null ? -1L : q.after()), query);

        assertThat(events.next().position()).isEqualTo(8);
        assertThat(events.hasNext()).isFalse();
        assertThatThrownBy(events::next).isInstanceOf(NoSuchElementException.class);
    }

    private Event event(long position) {
        return Event.builder().id(UUID.randomUUID()).type("lead.created").tenant(tenant).source("crm")
                .position(position).build();
    }
}
