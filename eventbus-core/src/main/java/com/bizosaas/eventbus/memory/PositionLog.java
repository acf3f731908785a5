package com.bizosaas.eventbus.memory;

import com.bizosaas.eventbus.model.Event;
import java.util.Arrays;
import java.util.function.Predicate;

/**
 * One tenant's events by position, in fixed-size chunks. Positions are dense (1, 2, 3, ...), so a
 * slot per position replaces a sorted map's nodes: for a store that keeps millions of events on
 * the heap, that is millions fewer objects for the garbage collector to copy and scan. Chunks
 * whose events have all been purged are dropped.
 *
 * <p>Writers ({@link #put}, {@link #remove}) are serialised by the caller (the tenant's monitor).
 * Readers take no lock; they must only read positions the writer published afterwards through a
 * volatile write that the reader has read (the tenant's visible position).
 */
final class PositionLog {
    private static final int CHUNK_BITS = 10;
    private static final int CHUNK_SIZE = 1 << CHUNK_BITS;
    private static final int SLOT_MASK = CHUNK_SIZE - 1;

    private volatile Event[][] chunks = new Event[16][];
    /** Live events per chunk; guarded by the writer. */
    private int[] live = new int[16];
    /** The highest slot index written so far; guarded by the writer. */
    private long highest = -1;
    private volatile int size;

    void put(Event event) {
        long index = event.position() - 1;
        int chunk = chunkOf(index);
        Event[][] table = chunks;
        if (chunk >= table.length) {
            int capacity = Math.max(table.length * 2, chunk + 1);
            table = Arrays.copyOf(table, capacity);
            live = Arrays.copyOf(live, capacity);
        }
        if (table[chunk] == null) {
            table[chunk] = new Event[CHUNK_SIZE];
        }
        table[chunk][(int) (index & SLOT_MASK)] = event;
        live[chunk]++;
        highest = Math.max(highest, index);
        chunks = table;
        size++;
    }

    void remove(long position) {
        long index = position - 1;
        int chunk = chunkOf(index);
        Event[][] table = chunks;
        if (chunk >= table.length || table[chunk] == null || table[chunk][(int) (index & SLOT_MASK)] == null) {
            return;
        }
        table[chunk][(int) (index & SLOT_MASK)] = null;
        size--;
        if (--live[chunk] == 0 && (index | SLOT_MASK) <= highest) {
            // Every position of the chunk has been written and removed again: no reader can find anything in it.
            table[chunk] = null;
        }
    }

    int size() {
        return size;
    }

    /**
     * Visits the events from position {@code from} to {@code to} inclusive, ascending when
     * {@code from <= to} and descending otherwise, until the visitor returns false.
     */
    void scan(long from, long to, Predicate<Event> visitor) {
        Event[][] table = chunks;
        int step = from <= to ? 1 : -1;
        long index = from - 1;
        long end = to - 1;
        while (step > 0 ? index <= end : index >= end) {
            if (index < 0) {
                return;
            }
            int chunk = chunkOf(index);
            Event[] slots = chunk < table.length ? table[chunk] : null;
            if (slots == null) {
                // Nothing in this chunk: jump to the neighbouring chunk's first (or last) slot.
                index = step > 0 ? ((long) (chunk + 1) << CHUNK_BITS) : ((long) chunk << CHUNK_BITS) - 1;
                continue;
            }
            Event event = slots[(int) (index & SLOT_MASK)];
            if (event != null && !visitor.test(event)) {
                return;
            }
            index += step;
        }
    }

    private static int chunkOf(long index) {
        return (int) (index >>> CHUNK_BITS);
    }
}
