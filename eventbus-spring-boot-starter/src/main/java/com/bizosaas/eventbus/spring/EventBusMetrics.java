package com.bizosaas.eventbus.spring;

import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.EventBusStats;
import com.bizosaas.eventbus.delivery.SubscriptionStatus;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The engine's counters and gauges, the ones the server exports on {@code GET /metrics}, on the
 * application's registry under an {@code eventbus.} prefix (so they cannot collide with the
 * application's own): {@code eventbus.events.published}, {@code eventbus.events.processed},
 * {@code eventbus.events.failed} (counters), {@code eventbus.subscriptions.active}, {@code
 * eventbus.processing.time.ms} (mean of successful deliveries) and {@code eventbus.dead.letters}
 * (gauges). Values are read from the bus when the registry asks. Thread-safe.
 */
final class EventBusMetrics implements MeterBinder {
    private final EventBus bus;

    EventBusMetrics(EventBus bus) {
        this.bus = bus;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        EventBusStats stats = bus.stats();
        FunctionCounter.builder("eventbus.events.published", stats, EventBusStats::eventsPublished)
                .description("Events stored by publish; duplicates are not counted").register(registry);
        FunctionCounter.builder("eventbus.events.processed", stats, EventBusStats::eventsProcessed)
                .description("Successful deliveries").register(registry);
        FunctionCounter.builder("eventbus.events.failed", stats, EventBusStats::eventsFailed)
                .description("Failed delivery attempts; every failed retry counts").register(registry);
        Gauge.builder("eventbus.subscriptions.active", bus, b -> b.subscriptions().stream()
                        .filter(s -> s.status() == SubscriptionStatus.ACTIVE).count())
                .description("Subscriptions currently receiving events").strongReference(true).register(registry);
        Gauge.builder("eventbus.processing.time.ms", stats, EventBusStats::averageProcessingMillis)
                .description("Mean duration of successful deliveries, in milliseconds").strongReference(true)
                .register(registry);
        Gauge.builder("eventbus.dead.letters", bus, EventBus::deadLetterCount)
                .description("Deliveries that ran out of attempts and wait to be redriven or discarded")
                .strongReference(true).register(registry);
    }
}
