package com.bizosaas.eventbus.server.internal;

import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.agents.AgentCoordinator;
import com.bizosaas.eventbus.logging.ThrottledLog;
import com.bizosaas.eventbus.memory.InMemoryApiKeyStore;
import com.bizosaas.eventbus.memory.InMemoryAuditLog;
import com.bizosaas.eventbus.model.WireJson;
import com.bizosaas.eventbus.server.ServerConfig;
import com.bizosaas.eventbus.spi.ApiKeyStore;
import com.bizosaas.eventbus.spi.AuditLog;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.config.RoutesConfig;
import io.javalin.json.JavalinJackson;
import io.javalin.util.JavalinException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.eclipse.jetty.util.thread.ThreadPool;
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
    /** Where misbehaving clients are reported, once per interval. */
    private static final Logger CLIENT_LOG = LoggerFactory.getLogger("com.bizosaas.eventbus.server.clients");
    private static final Duration CLIENT_WARNING_INTERVAL = Duration.ofMinutes(1);
    /** Jetty threads kept from API requests, so probes, metrics and live tails always find one. */
    private static final int RESERVED_THREADS = 50;
    /** How long a request waits for a place among the running ones before a 503. */
    private static final Duration MAX_QUEUED = Duration.ofSeconds(30);

    /** Response headers a browser script may read: what it needs to back off. */
    private static final List<String> EXPOSED_HEADERS = List.of("Retry-After", "RateLimit-Limit",
            "RateLimit-Remaining", "RateLimit-Reset");

    /** How soon a managed key revoked on another instance stops working here. */
    private static final Duration MANAGED_KEY_REFRESH = Duration.ofSeconds(2);

    private final Javalin app;
    private final ServerMetrics metrics;
    private final EventStreamRoutes streams;
    private final StatsRoutes stats;
    private final AtomicBoolean draining;

    private HttpApi(Javalin app, ServerMetrics metrics, EventStreamRoutes streams, StatsRoutes stats,
                    AtomicBoolean draining) {
        this.app = app;
        this.metrics = metrics;
        this.streams = streams;
        this.stats = stats;
        this.draining = draining;
    }

    /** With managed keys and the audit log kept in this process's memory. */
    public static HttpApi create(EventBus bus, AgentCoordinator agents, ServerConfig config) {
        return create(bus, agents, config, new InMemoryApiKeyStore(), new InMemoryAuditLog());
    }

    public static HttpApi create(EventBus bus, AgentCoordinator agents, ServerConfig config, ApiKeyStore apiKeys,
                                 AuditLog auditLog) {
        Clock clock = Clock.systemUTC();
        AccessControl access = new AccessControl(config.apiKeys(),
                new ManagedKeyCache(apiKeys, MANAGED_KEY_REFRESH, System::nanoTime), config.tenantIsolation(), clock);
        AuditTrail audit = new AuditTrail(auditLog, access, clock);
        RequestChecks checks = new RequestChecks(config.maxEventBytes());
        ApiErrors errors = new ApiErrors(config.maxEventBytes());
        ServerMetrics metrics = new ServerMetrics(bus);
        EventStreamRoutes streams = new EventStreamRoutes(bus, access, config.maxStreams(), config.streamTimings());
        StatsRoutes stats = new StatsRoutes(bus, Clock.systemUTC());
        AtomicBoolean draining = new AtomicBoolean();
        Javalin app = Javalin.create(javalin -> {
            javalin.startup.showJavalinBanner = false;
            // The rest of the shutdown budget goes to the bus's deliveries and the adapters' close.
            javalin.jetty.modifyServer(server -> {
                server.setStopTimeout(config.shutdownTimeout().toMillis() / 2);
                server.setHandler(new GracefulHandler());
            });
            javalin.jsonMapper(new JavalinJackson(WireJson.newMapper(), false));
            javalin.http.maxRequestSize = config.maxEventBytes();
            javalin.http.prefer405over404 = true;
            javalin.jetty.modifyServer(server -> protect(server, config));
            javalin.staticFiles.enableWebjars();
            ConsoleRoutes.serveFiles(javalin);
            enableCors(javalin, config.corsOrigins());
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
            new SubscriptionRoutes(bus, access, audit, config.maxRetryAttempts()).register(routes);
            new DeadLetterRoutes(bus, access, audit).register(routes);
            new HealthRoutes(bus, clock, draining::get).register(routes);
            new DemoRoutes(bus, access).register(routes);
            new AdminRoutes(bus, access, audit).register(routes);
            new EncryptionRoutes(bus, access, audit).register(routes);
            new ApiKeyRoutes(apiKeys, access, audit, clock).register(routes);
            new AuditRoutes(auditLog, access).register(routes);
            new SchemaRoutes(bus, access).register(routes);
            new StreamRoutes(bus, access).register(routes);
            new AgentRoutes(agents, access, clock).register(routes);
            new WorkflowRoutes(agents, access, clock).register(routes);
            new DocsRoutes().register(routes);
            stats.register(routes);
            ConsoleRoutes.register(routes);
        });
        return new HttpApi(app, metrics, streams, stats, draining);
    }

    /** No CORS headers at all unless origins are configured: a browser page elsewhere gets no answer it may read. */
    private static void enableCors(JavalinConfig javalin, List<String> origins) {
        if (origins.isEmpty()) {
            return;
        }
        javalin.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
            if (origins.equals(List.of("*"))) {
                rule.anyHost();
            } else {
                rule.allowHost(origins.get(0), origins.subList(1, origins.size()).toArray(String[]::new));
            }
            EXPOSED_HEADERS.forEach(rule::exposeHeader);
        }));
    }

    /**
     * Jetty's defences, outermost first: the per-client bound on requests in flight; bodies
     * received in full without holding a thread; a cap on requests running at once, which leaves
     * threads for probes, metrics and live tails (they bypass it); JSON for Jetty's own errors.
     */
    private static void protect(Server server, ServerConfig config) {
        server.setErrorHandler(new JsonErrorHandler());
        QoSHandler running = new QoSHandler();
        int threads = ((ThreadPool.SizedThreadPool) server.getThreadPool()).getMaxThreads();
        running.setMaxRequestCount(Math.max(1, threads - RESERVED_THREADS));
        running.setMaxSuspend(MAX_QUEUED);
        running.excludePath(ClientRequestLimit.PROBES.toArray(String[]::new));
        running.excludePath("/events/stream");
        server.insertHandler(running);
        server.insertHandler(new BodyReadingHandler(config.maxEventBytes(), config.requestReadTimeout(),
                ThrottledLog.of(CLIENT_LOG, CLIENT_WARNING_INTERVAL, Clock.systemUTC())));
        server.insertHandler(new ClientRequestLimit(config.maxRequestsPerClient()));
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
        try {
            app.stop();
        } catch (JavalinException e) {
            // Jetty's stop timeout ran out with requests still running (e.g. publishes blocked on a
            // store that is down): they are abandoned either way; the rest must still be released.
            LOG.warn("The HTTP server stopped with requests still in flight: {}", e.toString());
        }
        stats.close();
        metrics.close();
    }
}
