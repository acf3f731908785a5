package com.bizosaas.eventbus.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.contract.ManualClock;
import com.bizosaas.eventbus.model.Event;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The console's charts: per-interval rates from the bus's counters, for the last hour only. */
class ThroughputHistoryTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-07T21:00:00Z"));

    @Test
    void eachIntervalShowsWhatWasPublishedInItPerSecondAndTheRunningIntervalIsTheLastPoint() {
        try (EventBus bus = EventBus.builder().build().start()) {
            ThroughputHistory history = new ThroughputHistory(bus.stats(), clock);
            publish(bus, 20);
            clock.advance(ThroughputHistory.INTERVAL);
            history.sample();
            publish(bus, 5);
            clock.advance(ThroughputHistory.INTERVAL.dividedBy(2));

            List<ThroughputHistory.Point> points = history.lastHour();

            assertThat(points).hasSize(2);
            assertThat(points.get(0).publishedPerSecond()).isEqualTo(2.0);
            assertThat(points.get(1).publishedPerSecond()).isEqualTo(1.0);
            assertThat(points.get(1).time()).isEqualTo(clock.instant());
        }
    }

    @Test
    void onlyTheLastHourIsKept() {
        try (EventBus bus = EventBus.builder().build().start()) {
            ThroughputHistory history = new ThroughputHistory(bus.stats(), clock);
            for (int i = 0; i < 500; i++) {
                clock.advance(ThroughputHistory.INTERVAL);
                history.sample();
            }

            List<ThroughputHistory.Point> points = history.lastHour();

            assertThat(points).hasSize((int) (ThroughputHistory.WINDOW.toSeconds() / ThroughputHistory.INTERVAL.toSeconds()));
            assertThat(points.get(0).time()).isEqualTo(clock.instant().minus(ThroughputHistory.WINDOW)
                    .plus(ThroughputHistory.INTERVAL));
        }
    }

    private static void publish(EventBus bus, int count) {
        UUID tenant = UUID.randomUUID();
        for (int i = 0; i < count; i++) {
            bus.publish(Event.builder().type("lead.created").tenant(tenant).source("crm").build());
        }
    }
}
