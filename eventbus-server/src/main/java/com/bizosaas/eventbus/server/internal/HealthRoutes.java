package com.bizosaas.eventbus.server.internal;

import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.model.ComponentHealth;
import com.bizosaas.eventbus.model.HealthStatus;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * {@code GET /health} in the seed's shape ({@code status}, {@code timestamp}, {@code version},
 * {@code components}), plus liveness and readiness probes. Overall status: healthy when every
 * component is; unhealthy (503) when the event store is, since nothing can be published then;
 * degraded otherwise (a broker outage delays dispatch, but publishes are still stored).
 * Readiness is 503 from the start of a graceful shutdown on.
 */
final class HealthRoutes {
    /** The API version the seed reports. */
    static final String VERSION = "1.0.0";
    private static final String EVENT_STORE = "event_store";

    private final EventBus bus;
    private final Clock clock;
    private final BooleanSupplier draining;

    HealthRoutes(EventBus bus, Clock clock, BooleanSupplier draining) {
        this.bus = bus;
        this.clock = clock;
        this.draining = draining;
    }

    void register(RoutesConfig routes) {
        routes.get("/health", ctx -> answer(ctx, false));
        routes.get("/health/ready", ctx -> {
            if (draining.getAsBoolean()) {
                ctx.status(503).json(Map.of("status", "shutting_down"));
            } else {
                answer(ctx, true);
            }
        });
        routes.get("/health/live", ctx -> ctx.json(Map.of("status", "alive")));
    }

    /**
     * Readiness fails when a component is down; /health only when the store is. A degraded
     * component (a busy connection pool, a broker blocking publishers) keeps the instance ready:
     * the store and broker are shared, so taking a loaded instance out of rotation only moves its
     * load to the others, and a restarted instance would never come back under load.
     */
    private void answer(Context ctx, boolean ready) {
        Map<String, ComponentHealth> parts = bus.health();
        Map<String, Object> components = new LinkedHashMap<>();
        HealthStatus worst = HealthStatus.HEALTHY;
        for (Map.Entry<String, ComponentHealth> part : parts.entrySet()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("status", part.getValue().status());
            part.getValue().details().forEach(json::putIfAbsent);
            components.put(part.getKey(), json);
            worst = worst.and(part.getValue().status());
        }
        HealthStatus overall = worst;
        ComponentHealth store = parts.get(EVENT_STORE);
        if (overall == HealthStatus.UNHEALTHY && store != null && store.status() != HealthStatus.UNHEALTHY) {
            overall = HealthStatus.DEGRADED;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", overall);
        json.put("timestamp", clock.instant().truncatedTo(ChronoUnit.MILLIS));
        json.put("version", VERSION);
        json.put("components", components);
        boolean failing = (ready ? worst : overall) == HealthStatus.UNHEALTHY;
        ctx.status(failing ? 503 : 200).json(json);
    }
}
