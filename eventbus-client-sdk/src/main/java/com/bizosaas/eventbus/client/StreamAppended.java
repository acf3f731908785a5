package com.bizosaas.eventbus.client;

import com.bizosaas.eventbus.model.Event;
import java.util.List;

/** The answer to an append: the stream's version after it and the stored events, in version order. Immutable. */
public record StreamAppended(long version, List<Event> events) {
    public StreamAppended {
        events = List.copyOf(events);
    }
}
