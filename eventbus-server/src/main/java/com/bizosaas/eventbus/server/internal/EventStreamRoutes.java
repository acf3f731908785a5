package com.bizosaas.eventbus.server.internal;

import static com.bizosaas.eventbus.ValidationException.quote;

import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.RateLimitedException;
import com.bizosaas.eventbus.ValidationException;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.EventQuery;
import com.bizosaas.eventbus.model.EventTypes;
import com.bizosaas.eventbus.model.Page;
import com.bizosaas.eventbus.model.SortOrder;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live tail {@code GET /events/stream}: a tenant's stored events as Server-Sent Events, each
 * with its position as the SSE id, so a client resumes with {@code Last-Event-ID} (or
 * {@code ?after=}) without gaps or duplicates; {@code ?schema_version=latest} upcasts each event. Each client has one thread that pages the history
 * oldest first from its cursor and polls for more; beyond {@code maxStreams} open streams a new
 * one is refused with 429 {@code too_many_streams}, so clients cannot exhaust the server's threads.
 * Thread-safe; {@link #close()} ends every stream.
 */
final class EventStreamRoutes implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventStreamRoutes.class);
    private static final int PAGE_SIZE = 500;
    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    /**
     * A comment this often on an idle stream keeps proxies from dropping the connection and, by
     * failing to write, reveals a client that has gone: the server has no other way to notice.
     */
    private static final Duration KEEP_ALIVE_INTERVAL = Duration.ofSeconds(1);
    /** A closed stream's place is free within two keep-alives: the first write after a close may still succeed. */
    private static final Duration PLACE_FREED_WITHIN = KEEP_ALIVE_INTERVAL.multipliedBy(2);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private final EventBus bus;
    private final AccessControl access;
    private final ExecutorService tails = Executors.newCachedThreadPool(new StreamThreads());
    private final int maxStreams;
    private final Semaphore openStreams;
    private final SchemaVersions versions;

    EventStreamRoutes(EventBus bus, AccessControl access, int maxStreams) {
        this.bus = bus;
        this.access = access;
        this.maxStreams = maxStreams;
        this.openStreams = new Semaphore(maxStreams);
        this.versions = new SchemaVersions(bus.schemas());
    }

    void register(RoutesConfig routes) {
        routes.get("/events/stream", this::stream);
    }

    /** Everything that can be refused is checked before the first byte, so refusals are JSON errors. */
    private void stream(Context ctx) throws IOException {
        String rawTenant = Params.queryText(ctx, "tenant_id");
        if (rawTenant == null) {
            throw new ValidationException("missing_field", "tenant_id is required", "tenant_id");
        }
        UUID tenant = Params.uuid(rawTenant, "tenant_id");
        access.requireTenant(ctx, tenant);
        EventQuery.Builder query = EventQuery.forTenant(tenant)
                .types(eventTypes(ctx))
                .order(SortOrder.OLDEST_FIRST)
                .limit(PAGE_SIZE);
        boolean latest = versions.wantsLatest(ctx);
        long resumeAfter = resumePosition(ctx);
        long cursor = resumeAfter >= 0 ? resumeAfter : newestPosition(tenant);
        if (!openStreams.tryAcquire()) {
            throw new RateLimitedException("too_many_streams", "this server already serves " + maxStreams
                    + " event streams (EVENTBUS_MAX_STREAMS); retry later", PLACE_FREED_WITHIN);
        }
        try {
            startEventStream(ctx.res());
            ctx.async(task -> {
                task.executor = tails;
                task.timeout = 0;
            }, () -> {
                try {
                    tail(new SseClient(ctx), query, cursor, tenant, latest);
                } finally {
                    openStreams.release();
                }
            });
        } catch (IOException | RuntimeException e) {
            openStreams.release();
            throw e;
        }
    }

    /** {@code event_types=a.b,c.d}, the parameter possibly repeated; none means every type. */
    private static Set<String> eventTypes(Context ctx) {
        Set<String> types = new LinkedHashSet<>();
        for (String param : ctx.queryParams("event_types")) {
            if (param.isBlank()) {
                continue;
            }
            for (String type : param.split(",", -1)) {
                String trimmed = type.trim();
                if (!EventTypes.isValid(trimmed)) {
                    throw new ValidationException("invalid_field",
                            "event_types must be comma-separated event types such as lead.created; got "
                                    + quote(type), "event_types");
                }
                types.add(trimmed);
            }
        }
        return types;
    }

    /** The position to resume after: {@code Last-Event-ID} (what a reconnecting client sends), else {@code after}; -1 for none. */
    private static long resumePosition(Context ctx) {
        String lastEventId = ctx.header("Last-Event-ID");
        if (lastEventId == null || lastEventId.isBlank()) {
            return Params.queryLong(ctx, "after", -1, 0, Long.MAX_VALUE);
        }
        try {
            long position = Long.parseLong(lastEventId.trim());
            if (position >= 0) {
                return position;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ValidationException("invalid_field",
                "Last-Event-ID must be an event position (a whole number, 0 or more); got " + quote(lastEventId),
                "Last-Event-ID");
    }

    /** "Now": the tenant's newest stored position, 0 when it has none. */
    private long newestPosition(UUID tenant) {
        List<Event> newest = bus.history(EventQuery.forTenant(tenant).order(SortOrder.NEWEST_FIRST).limit(1).build())
                .items();
        return newest.isEmpty() ? 0 : newest.get(0).position();
    }

    /** The headers Javalin's own SSE handler sends, without its demand for an Accept header, so plain curl works. */
    private static void startEventStream(HttpServletResponse res) throws IOException {
        res.setStatus(200);
        res.setCharacterEncoding("UTF-8");
        res.setContentType("text/event-stream");
        res.addHeader("Cache-Control", "no-cache");
        res.addHeader("X-Accel-Buffering", "no");
        res.flushBuffer();
    }

    /** Runs until the client goes away (a failed write) or the server closes (interrupt). */
    private void tail(SseClient client, EventQuery.Builder query, long startAfter, UUID tenant, boolean latest) {
        long cursor = startAfter;
        long lastWrite = System.nanoTime();
        try {
            while (!client.terminated()) {
                Page<Event> page = bus.history(query.after(cursor).build());
                for (Event event : page.items()) {
                    if (client.terminated()) {
                        return;
                    }
                    client.sendEvent(event.eventType(), versions.deliver(event, latest), Long.toString(event.position()));
                    cursor = event.position();
                }
                if (!page.items().isEmpty()) {
                    lastWrite = System.nanoTime();
                }
                if (page.hasMore()) {
                    continue;
                }
                if (System.nanoTime() - lastWrite >= KEEP_ALIVE_INTERVAL.toNanos()) {
                    client.sendComment("keep-alive");
                    lastWrite = System.nanoTime();
                }
                Thread.sleep(POLL_INTERVAL.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // The client reconnects with Last-Event-ID and resumes where this stream stopped.
            LOG.warn("Event stream of tenant {} stopped after position {}: {}", tenant, cursor, e.toString());
        }
    }

    @Override
    public void close() {
        tails.shutdownNow();
        try {
            // Streams must end while the web server still runs, or it recycles their responses under them.
            if (!tails.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Event streams did not stop within {}", STOP_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Daemon threads, so an open stream never holds the JVM. */
    private static final class StreamThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "eventbus-stream-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
