package com.bizosaas.eventbus.server.internal;

import com.bizosaas.eventbus.model.Event;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One tenant's events in store position order, handed to the tenant's open streams. Its cursor
 * is the last position handed on: a dispatched event right after it goes out at once; any other
 * (dispatch runs out of position order across subjects, and another instance dispatches its share)
 * makes the caller read the store after the cursor instead, so no stream sees a gap, a duplicate
 * or a step back. Thread-safe.
 */
final class TenantFeed {
    private final UUID tenant;
    private final List<StreamClient> clients = new ArrayList<>();
    private final AtomicBoolean readQueued = new AtomicBoolean();
    private long cursor;

    TenantFeed(UUID tenant, long cursor) {
        this.tenant = tenant;
        this.cursor = cursor;
    }

    UUID tenant() {
        return tenant;
    }

    /** Adds a client; returns the position after which it gets every event from this feed. */
    synchronized long join(StreamClient client) {
        clients.add(client);
        return cursor;
    }

    /** Removes a client; true when none is left. */
    synchronized boolean leave(StreamClient client) {
        clients.remove(client);
        return clients.isEmpty();
    }

    synchronized long cursor() {
        return cursor;
    }

    /**
     * Hands on a dispatched event if it is the next position; true when the store must be read to
     * find what comes before it (or, for an event without a position, whether anything is new).
     */
    synchronized boolean dispatched(Event event) {
        if (event.position() == cursor + 1) {
            forward(event);
            return false;
        }
        return event.position() > cursor || event.position() == 0;
    }

    /** Hands on events read from the store in position order, skipping those already handed on. */
    synchronized void read(List<Event> events) {
        for (Event event : events) {
            if (event.position() > cursor) {
                forward(event);
            }
        }
    }

    /** Marks a store read as queued; false when one already is, so bursts of dispatches cost one read. */
    boolean queueRead() {
        return readQueued.compareAndSet(false, true);
    }

    void readStarted() {
        readQueued.set(false);
    }

    private void forward(Event event) {
        cursor = event.position();
        for (Iterator<StreamClient> it = clients.iterator(); it.hasNext(); ) {
            if (!it.next().offer(event)) {
                it.remove();
            }
        }
    }
}
