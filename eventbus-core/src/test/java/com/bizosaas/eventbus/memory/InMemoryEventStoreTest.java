package com.bizosaas.eventbus.memory;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.contract.EventStoreContract;
import com.bizosaas.eventbus.contract.TestEvents;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.spi.EventStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryEventStoreTest extends EventStoreContract {
    @Override
    protected EventStore newStore() {
        return new InMemoryEventStore();
    }

    @Test
    void theOutboxGoesByTheStoresClockWithAnExclusiveCutoff() {
        Instant storedAt = Instant.parse("2030-05-01T10:00:00Z");
        try (EventStore clocked = new InMemoryEventStore(Clock.fixed(storedAt, ZoneOffset.UTC))) {
            Event e = TestEvents.event(TestEvents.newTenant()).build();
            clocked.append(List.of(e));

            assertThat(clocked.unpublished(storedAt, 10)).isEmpty();
            assertThat(clocked.unpublished(storedAt.plusMillis(1), 10)).extracting(Event::id).containsExactly(e.id());
        }
    }
}
