package com.bizosaas.eventbus.server.internal;

import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.EventBusStats;
import io.javalin.config.RoutesConfig;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /stats}: this server instance's throughput over the last hour as JSON, for the
 * console's charts (the same counters as {@code /metrics}, without a Prometheus to compute rates).
 * Like {@code /metrics} it counts every tenant's events together. Thread-safe; {@link #close()}
 * stops the sampling.
 */
final class StatsRoutes implements AutoCloseable {
    private final EventBus bus;
    private final ThroughputHistory history;
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "eventbus-stats-sampler");
        thread.setDaemon(true);
        return thread;
    });

    StatsRoutes(EventBus bus, Clock clock) {
        this.bus = bus;
        this.history = new ThroughputHistory(bus.stats(), clock);
        long every = ThroughputHistory.INTERVAL.toMillis();
        sampler.scheduleAtFixedRate(history::sample, every, every, TimeUnit.MILLISECONDS);
    }

    void register(RoutesConfig routes) {
        routes.get("/stats", ctx -> {
            EventBusStats stats = bus.stats();
            Map<String, Object> totals = new LinkedHashMap<>();
            totals.put("published", stats.eventsPublished());
            totals.put("delivered", stats.eventsProcessed());
            totals.put("failed", stats.eventsFailed());
            totals.put("dead_lettered", stats.deadLettered());
            totals.put("dead_letters", bus.deadLetterCount());
            totals.put("average_delivery_ms", stats.averageProcessingMillis());
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("interval_seconds", ThroughputHistory.INTERVAL.toSeconds());
            json.put("window_seconds", ThroughputHistory.WINDOW.toSeconds());
            json.put("totals", totals);
            json.put("points", history.lastHour());
            ctx.json(json);
        });
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
