package com.bizosaas.eventbus.client;

import java.util.List;

/** The answer to an append: the stream's version after it and the stored events, in version order. Immutable. */
public record StreamAppended(long version, List<EventEnvelope> events) {
    public StreamAppended {
        events = List.copyOf(events);
    }
}
