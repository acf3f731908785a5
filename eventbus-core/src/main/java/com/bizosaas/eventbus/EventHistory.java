package com.bizosaas.eventbus;

import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.EventQuery;
import com.bizosaas.eventbus.model.Page;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reading stored events, and event-sourced streams. Thread-safe. */
public interface EventHistory {

    Page<Event> history(EventQuery query);

    Optional<Event> find(UUID tenantId, UUID eventId);

    /**
     * Appends to the stream named by {@code streamId} (stored as the events' subject) if it is
     * at {@code expectedVersion}; throws {@link ConflictException} otherwise. The appended events
     * are dispatched like published ones.
     */
    List<Event> appendToStream(UUID tenantId, String streamId, long expectedVersion, List<Event> events);

    List<Event> readStream(UUID tenantId, String streamId, long fromVersion);
}
