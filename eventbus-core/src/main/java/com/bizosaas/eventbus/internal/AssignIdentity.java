package com.bizosaas.eventbus.internal;

import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.EventIds;
import com.bizosaas.eventbus.publishing.PublishStage;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The publish pipeline's first stage: gives each event its id (a new UUIDv7 unless the publisher
 * chose one) and the bus's time, so later stages and the store see the event as it will be kept.
 * Copies without validating again: the event was validated when it was built. Thread-safe.
 */
final class AssignIdentity implements PublishStage {
    private final Clock clock;

    AssignIdentity(Clock clock) {
        this.clock = clock;
    }

    @Override
    public List<Event> apply(List<Event> events) {
        Instant now = clock.instant();
        List<Event> identified = new ArrayList<>(events.size());
        for (Event e : events) {
            identified.add(e.withAssigned(e.id() == null ? EventIds.next() : e.id(), now, 0, e.streamVersion()));
        }
        return identified;
    }
}
