package com.bizosaas.eventbus.model;

import java.util.concurrent.ThreadLocalRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Generates RFC 9562 version 7 UUIDs: 48 bits of Unix milliseconds, then a counter, then random
 * bits. Ids from one JVM are strictly increasing even within a millisecond, so they sort by
 * creation time. Thread-safe.
 */
public final class EventIds {
    /** Milliseconds in the high 48 bits, a 12-bit sequence in the low bits: one CAS per id. */
    private static final AtomicLong LAST = new AtomicLong();

    private EventIds() {
    }

    public static UUID next() {
        long now = System.currentTimeMillis() << 12;
        long stamp = LAST.updateAndGet(prev -> Math.max(prev + 1, now));
        long millis = stamp >>> 12;
        long seq = stamp & 0xFFF;
        long msb = (millis << 16) | 0x7000L | seq;
        long lsb = (ThreadLocalRandom.current().nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }
}
