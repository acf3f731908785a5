package com.bizosaas.eventbus.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The one UUIDv7 generator, used by the engine for stored events and by the SDK for its requests. */
class EventIdsTest {

    @Test
    void makesVersion7UuidsOfTheIetfVariant() {
        UUID id = EventIds.next();
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
    }

    @Test
    void carriesTheCreationMillisecondInTheTop48Bits() {
        long before = System.currentTimeMillis();
        UUID id = EventIds.next();
        long after = System.currentTimeMillis();

        // The per-JVM sequence may borrow from the next millisecond when it overflows, never more.
        assertThat(id.getMostSignificantBits() >>> 16).isBetween(before, after + 1);
    }

    @Test
    void idsFromOneJvmAreStrictlyIncreasingEvenWithinAMillisecond() {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(EventIds.next());
        }
        for (int i = 1; i < ids.size(); i++) {
            assertThat(Long.compareUnsigned(ids.get(i).getMostSignificantBits(), ids.get(i - 1).getMostSignificantBits()))
                    .as("id %d sorts after id %d", i, i - 1).isPositive();
        }
    }
}
