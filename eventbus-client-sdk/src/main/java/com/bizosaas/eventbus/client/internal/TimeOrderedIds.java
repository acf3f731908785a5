package com.bizosaas.eventbus.client.internal;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Version 7 UUIDs (RFC 9562): Unix milliseconds in the top 48 bits, random bits below, so ids the
 * client picks for its events sort roughly by creation time like the ones the bus assigns.
 * Thread-safe.
 */
final class TimeOrderedIds {
    private static final SecureRandom RANDOM = new SecureRandom();

    private TimeOrderedIds() {
    }

    static UUID next() {
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        long randA = ((random[0] & 0xFFL) << 4 | (random[1] & 0xFFL) >>> 4) & 0xFFFL;
        long msb = System.currentTimeMillis() << 16 | 0x7000L | randA;
        long lsb = 0;
        for (int i = 2; i < 10; i++) {
            lsb = lsb << 8 | (random[i] & 0xFFL);
        }
        lsb = lsb & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }
}
