package com.bizosaas.eventbus.memory;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.contract.TestEvents;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.EventIds;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PositionLogTest {
    private final UUID tenant = TestEvents.newTenant();
    private final PositionLog log = new PositionLog();

    private void append(long upTo) {
        for (long p = 1; p <= upTo; p++) {
            log.put(TestEvents.event(tenant).id(EventIds.next()).time(TestEvents.now()).build().withPosition(p));
        }
    }

    private List<Long> scan(long from, long to, int max) {
        List<Long> positions = new ArrayList<>();
        log.scan(from, to, e -> {
            positions.add(e.position());
            return positions.size() < max;
        });
        return positions;
    }

    @Test
    void scansEitherWayAcrossChunksAndStopsWhenTheVisitorSaysSo() {
        append(3000);

        assertThat(scan(1020, 1030, 100)).containsExactly(1020L, 1021L, 1022L, 1023L, 1024L, 1025L, 1026L, 1027L,
                1028L, 1029L, 1030L);
        assertThat(scan(2050, 2045, 100)).containsExactly(2050L, 2049L, 2048L, 2047L, 2046L, 2045L);
        assertThat(scan(1, 3000, 5)).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(scan(2998, 5000, 100)).containsExactly(2998L, 2999L, 3000L);
        assertThat(log.size()).isEqualTo(3000);
    }

    @Test
    void removedPositionsAndWholePurgedChunksAreSkipped() {
        append(3000);
        for (long p = 1; p <= 2100; p++) {
            log.remove(p);
        }
        log.remove(2500);
        log.remove(2500);

        assertThat(log.size()).isEqualTo(899);
        assertThat(scan(1, 3000, 3)).containsExactly(2101L, 2102L, 2103L);
        assertThat(scan(2502, 1, 3)).containsExactly(2502L, 2501L, 2499L);
        assertThat(scan(2000, 1, 100)).isEmpty();
    }

    @Test
    void anEmptiedChunkThatIsStillBeingFilledKeepsTakingEvents() {
        append(10);
        for (long p = 1; p <= 10; p++) {
            log.remove(p);
        }
        Event next = TestEvents.event(tenant).id(EventIds.next()).time(TestEvents.now()).build().withPosition(11);
        log.put(next);

        assertThat(scan(1, 100, 100)).containsExactly(11L);
    }
}
