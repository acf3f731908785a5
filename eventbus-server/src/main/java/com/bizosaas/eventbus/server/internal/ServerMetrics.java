package com.bizosaas.eventbus.server.internal;

import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.EventBusStats;
import com.bizosaas.eventbus.delivery.CircuitState;
import com.bizosaas.eventbus.delivery.SubscriptionStatus;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /metrics} in Prometheus text format, with the seed's metric names read from the bus
 * on every scrape: {@code events_published}, {@code events_processed}, {@code events_failed}
 * (counters, exported with Prometheus' {@code _total} suffix), {@code active_subscriptions},
 * {@code processing_time_ms} (mean of successful deliveries) and {@code dead_letters} (gauges);
 * {@code subscription_circuits} (gauge by {@code state}: webhook subscriptions whose circuit
 * breaker is open or half-open); plus JVM metrics and {@code http_server_requests_seconds} per route. Thread-safe.
 */
final class ServerMetrics implements AutoCloseable {
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();

    ServerMetrics(EventBus bus) {
        EventBusStats stats = bus.stats();
        FunctionCounter.builder("events_published", stats, EventBusStats::eventsPublished)
                .description("Events stored by publish; duplicates are not counted").register(registry);
        FunctionCounter.builder("events_processed", stats, EventBusStats::eventsProcessed)
                .description("Successful deliveries").register(registry);
        FunctionCounter.builder("events_failed", stats, EventBusStats::eventsFailed)
                .description("Failed delivery attempts; every failed retry counts").register(registry);
        Gauge.builder("active_subscriptions", bus, b -> b.subscriptions().stream()
                        .filter(s -> s.status() == SubscriptionStatus.ACTIVE).count())
                .description("Subscriptions currently receiving events").strongReference(true).register(registry);
        Gauge.builder("processing_time_ms", stats, EventBusStats::averageProcessingMillis)
                .description("Mean duration of successful deliveries, in milliseconds").strongReference(true)
                .register(registry);
        Gauge.builder("dead_letters", bus, EventBus::deadLetterCount)
                .description("Deliveries that ran out of attempts and wait to be redriven or discarded")
                .strongReference(true).register(registry);
        for (CircuitState.State state : List.of(CircuitState.State.OPEN, CircuitState.State.HALF_OPEN)) {
            Gauge.builder("subscription_circuits", bus, b -> b.circuits().stream()
                            .filter(c -> c.state() == state).count())
                    .tag("state", state.wireName())
                    .description("Webhook subscriptions whose deliveries a circuit breaker holds back")
                    .strongReference(true).register(registry);
        }
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        gcMetrics.bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    void register(RoutesConfig routes) {
        routes.get("/metrics", ctx -> ctx.contentType(PROMETHEUS_TEXT).result(registry.scrape()));
    }

    /** Counts a finished request under its route pattern. */
    void recordRequest(Context ctx, float millis) {
        Timer.builder("http.server.requests")
                .description("HTTP requests by method, route and status")
                .tag("method", ctx.method().name())
                .tag("uri", route(ctx))
                .tag("status", Integer.toString(ctx.statusCode()))
                .register(registry)
                .record((long) (millis * 1_000_000), TimeUnit.NANOSECONDS);
    }

    /** The matched route's pattern, never the raw path: ids in paths would make one series per id. */
    private static String route(Context ctx) {
        return ctx.endpoints().list().stream()
                .filter(e -> e.method.isHttpMethod())
                .map((Endpoint e) -> e.path)
                .findFirst()
                .orElse("UNMATCHED");
    }

    @Override
    public void close() {
        gcMetrics.close();
        registry.close();
    }
}
