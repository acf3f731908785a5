package com.bizosaas.eventbus.client;

import com.bizosaas.eventbus.model.Event;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One page of history.
 *
 * @param nextCursor pass to {@link HistoryQuery#after(long)} for the next page; {@code null} on the last page
 */
public record HistoryPage(List<Event> events, @JsonProperty("next_cursor") Long nextCursor) {
    public HistoryPage {
        events = events == null ? List.of() : List.copyOf(events);
    }
}
