package com.bizosaas.eventbus.memory;

import java.util.ArrayDeque;

/**
 * The messages of one key within one consumer group: at most one worker owns the lane at a time
 * and handles its head, so a key's messages are handled one by one in publish order. A lane is
 * scheduled (queued, owned, or waiting for a retry) exactly while it holds messages; once empty
 * it retires and the next message of its key opens a new lane. Guarded by its monitor.
 *
 * <p>Not a {@link com.bizosaas.eventbus.ordering.KeyedExecutor}: here the in-memory broker gives
 * the ordering itself, as a real broker's partition or queue does. A lane is the broker's own
 * record of a key's unacknowledged messages, shared by every member of the group: a message stays
 * at its head until acknowledged, is retried after its handler failed and is handed to another
 * member when its owner closes, none of which an executor that runs and forgets a task can do.
 */
final class KeyLane {
    private final ConsumerGroup group;
    private final String key;
    private final ArrayDeque<PendingMessage> messages = new ArrayDeque<>(4);
    private Object owner;
    private boolean scheduled;
    private boolean retired;
    private int failures;

    KeyLane(ConsumerGroup group, String key) {
        this.group = group;
        this.key = key;
    }

    /** The ordering key, or {@code null} for a lane holding one unkeyed message. */
    String key() {
        return key;
    }

    /** Appends a message; false if the lane has retired and the caller must use a new one. */
    synchronized boolean add(PendingMessage message) {
        if (retired) {
            return false;
        }
        messages.add(message);
        if (!scheduled) {
            scheduled = true;
            group.ready(this);
        }
        return true;
    }

    /** Makes {@code worker} the owner and returns the head message. */
    synchronized PendingMessage acquire(Object worker) {
        owner = worker;
        return messages.peek();
    }

    /**
     * Acknowledges the head. Returns the next message if {@code worker} may go on with this lane,
     * or {@code null} once it has let go of it. A revoked worker's success counts for nothing:
     * the message has already been handed to another member.
     */
    synchronized PendingMessage acknowledge(Object worker, boolean mayContinue) {
        if (owner != worker) {
            return null;
        }
        messages.poll();
        failures = 0;
        if (mayContinue && !messages.isEmpty()) {
            return messages.peek();
        }
        owner = null;
        if (messages.isEmpty()) {
            scheduled = false;
            retired = true;
            group.retire(this);
        } else {
            group.ready(this);
        }
        return null;
    }

    /**
     * Leaves the head unacknowledged after its handler threw. Returns how many times in a row it
     * failed, or 0 if {@code worker} no longer owned the lane; the caller schedules {@link #retry()}.
     */
    synchronized int fail(Object worker) {
        if (owner != worker) {
            return 0;
        }
        owner = null;
        messages.element().markRedelivered();
        return ++failures;
    }

    /** Puts a failed lane back in line after its back-off. */
    synchronized void retry() {
        group.ready(this);
    }

    /** Takes the lane from a worker whose member closed; its in-flight head goes to another worker. */
    synchronized void revoke(Object worker) {
        if (owner == worker) {
            owner = null;
            messages.element().markRedelivered();
            group.ready(this);
        }
    }
}
