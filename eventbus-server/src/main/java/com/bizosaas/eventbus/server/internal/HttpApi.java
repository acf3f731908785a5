package com.bizosaas.eventbus.server.internal;

import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.routing.EventCodec;
import com.bizosaas.eventbus.server.ServerConfig;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.json.JavalinJackson;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP face of one bus: a Javalin app with every route, the JSON mapper of the wire form,
 * the request checks, authentication and the error mapping. Not started; {@link #close()} stops
 * it and its metrics: the listener closes at once, requests in flight get up to half of
 * {@code EVENTBUS_SHUTDOWN_TIMEOUT_MS} to be answered, and new ones on open connections get 503.
 * Thread-safe once built.
 */
public final class HttpApi implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);

    private final Javalin app;
    private final ServerMetrics metrics;
    private final EventStreamRoutes streams;
    private final AtomicBoolean draining;

    private HttpApi(Javalin app, ServerMetrics metrics, EventStreamRoutes streams, AtomicBoolean draining) {
        this.app = app;
        this.metrics = metrics;
        this.streams = streams;
        this.draining = draining;
    }

    public static HttpApi create(EventBus bus, ServerConfig config) {
        AccessControl access = new AccessControl(config.apiKeys(), config.tenantIsolation());
        RequestChecks checks = new RequestChecks(config.maxEventBytes());
        ApiErrors errors = new ApiErrors(config.maxEventBytes());
        ServerMetrics metrics = new ServerMetrics(bus);
        EventStreamRoutes streams = new EventStreamRoutes(bus, access, config.maxStreams());
        AtomicBoolean draining = new AtomicBoolean();
        Javalin app = Javalin.create(javalin -> {
            javalin.startup.showJavalinBanner = false;
            // The rest of the shutdown budget goes to the bus's deliveries and the adapters' close.
            javalin.jetty.modifyServer(server -> {
                server.setStopTimeout(config.shutdownTimeout().toMillis() / 2);
                server.setHandler(new GracefulHandler());
            });
            javalin.jsonMapper(new JavalinJackson(EventCodec.mapper(), false));
            javalin.http.maxRequestSize = config.maxEventBytes();
            javalin.http.prefer405over404 = true;
            javalin.staticFiles.enableWebjars();
            javalin.bundledPlugins.enableCors(cors -> cors.addRule(rule -> rule.anyHost()));
            javalin.requestLogger.http((ctx, millis) -> {
                metrics.recordRequest(ctx, millis);
                LOG.debug("{} {} -> {} in {} ms", ctx.method(), ctx.path(), ctx.statusCode(), millis);
            });
            RoutesConfig routes = javalin.routes;
            metrics.register(routes);
            routes.beforeMatched(checks::check);
            routes.beforeMatched(access::authenticate);
            errors.register(routes);
            new EventRoutes(bus, access).register(routes);
            streams.register(routes);
            new SubscriptionRoutes(bus, access, config.maxRetryAttempts()).register(routes);
            new DeadLetterRoutes(bus, access).register(routes);
            new HealthRoutes(bus, Clock.systemUTC(), draining::get).register(routes);
            new DemoRoutes(bus, access).register(routes);
            new DocsRoutes().register(routes);
        });
        return new HttpApi(app, metrics, streams, draining);
    }

    /** Starts listening; port 0 picks a free port. Returns the port. */
    public int start(int port) {
        return app.start(port).port();
    }

    /** Every HTTP route as {@code METHOD /path}, e.g. {@code GET /subscriptions/{id}}. */
    public List<String> routes() {
        return app.unsafe.internalRouter.allHttpHandlers().stream()
                .filter(e -> e.endpoint.method.isHttpMethod())
                .map(e -> e.endpoint.method.name() + " " + e.endpoint.path)
                .toList();
    }

    /** From now on {@code GET /health/ready} answers 503, so load balancers stop sending requests here. */
    public void drain() {
        draining.set(true);
    }

    @Override
    public void close() {
        // Open streams would otherwise hold the server's stop until their clients leave.
        streams.close();
        app.stop();
        metrics.close();
    }
}
