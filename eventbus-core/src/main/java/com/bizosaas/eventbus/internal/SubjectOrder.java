package com.bizosaas.eventbus.internal;

import com.bizosaas.eventbus.model.Event;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Keeps the broker hand-off of each (tenant, subject) in store position order. The store assigns
 * positions in commit order, but publishers return from their appends on their own threads and
 * would otherwise reach the broker in whatever order the scheduler runs them. A publisher holds
 * the lock of its subjects from before its append until its events are handed to the broker,
 * whose publish keeps call order per key. Subjects share a fixed set of striped locks, so
 * publishers of different subjects still append (and group-commit) together; events without a
 * subject are not ordered and take no lock. Thread-safe.
 */
final class SubjectOrder {
    private static final int STRIPES = 256;

    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

    SubjectOrder() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /** Runs {@code appendAndHand} holding the stripes of {@code events}' subjects, taken in index order. */
    <T> T inOrder(List<Event> events, Supplier<T> appendAndHand) {
        TreeSet<Integer> held = new TreeSet<>();
        for (Event e : events) {
            if (e.subject() != null) {
                held.add(Math.floorMod(e.orderingKey().hashCode(), STRIPES));
            }
        }
        // Ascending order: two batches sharing stripes can never wait for each other in a cycle.
        for (int stripe : held) {
            stripes[stripe].lock();
        }
        try {
            return appendAndHand.get();
        } finally {
            for (int stripe : held.descendingSet()) {
                stripes[stripe].unlock();
            }
        }
    }
}
