package com.bizosaas.eventbus.server.internal;

import com.bizosaas.eventbus.model.Event;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One open live tail as its tenant's feed sees it: the event types it asked for and a bounded
 * queue of events waiting for its writer. The feed never waits for a client: when the queue is
 * full the client is marked too slow and gets nothing more, and its writer ends the stream once
 * it has written what was queued. Thread-safe: the feed offers, one writer thread takes.
 */
final class StreamClient {
    private final UUID tenant;
    private final Set<String> types;
    private final BlockingQueue<Event> waiting;
    private volatile boolean tooSlow;

    StreamClient(UUID tenant, Set<String> types, int buffer) {
        this.tenant = tenant;
        this.types = Set.copyOf(types);
        this.waiting = new ArrayBlockingQueue<>(buffer);
    }

    UUID tenant() {
        return tenant;
    }

    Set<String> types() {
        return types;
    }

    /** False once the client has fallen too far behind: it takes nothing more and the feed may forget it. */
    boolean offer(Event event) {
        if (tooSlow) {
            return false;
        }
        if (!types.isEmpty() && !types.contains(event.eventType())) {
            return true;
        }
        if (waiting.offer(event)) {
            return true;
        }
        tooSlow = true;
        return false;
    }

    /** The next waiting event, or null after {@code wait} without one. */
    Event next(Duration wait) throws InterruptedException {
        return waiting.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** The next waiting event, or null when none is. */
    Event nextNow() {
        return waiting.poll();
    }

    boolean tooSlow() {
        return tooSlow;
    }
}
