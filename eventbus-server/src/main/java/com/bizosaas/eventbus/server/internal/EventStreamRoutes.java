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
import com.bizosaas.eventbus.server.ServerConfig;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live tail {@code GET /events/stream}: a tenant's stored events as Server-Sent Events, each
 * with its position as the SSE id, so a client resumes with {@code Last-Event-ID} (or
 * {@code ?after=}) without gaps or duplicates; {@code ?schema_version=latest} upcasts each event. A stream first reads the store from its resume
 * position up to where its tenant's {@link LiveTail} feed stands, then writes what the feed hands
 * it; a client that falls {@code buffer} events behind gets a {@code stream_end} message and is
 * closed, so it never slows the others. Each stream has one thread; beyond {@code maxStreams}
 * open streams a new one is refused with 429 {@code too_many_streams}, so clients cannot exhaust
 * the server's threads. Thread-safe; {@link #close()} ends every stream.
 */
final class EventStreamRoutes implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventStreamRoutes.class);
    /** Not an event type (those have a dot), so no client mistakes it for one. */
    static final String END_MESSAGE = "stream_end";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private final EventBus bus;
    private final AccessControl access;
    private final ExecutorService tails = Executors.newCachedThreadPool(new StreamThreads());
    private final int maxStreams;
    private final ServerConfig.StreamTimings timings;
    /** A closed stream's place is free within two heartbeats: the first write after a close may still succeed. */
    private final Duration placeFreedWithin;
    private final Semaphore openStreams;
    private final LiveTail live;
    private final SchemaVersions versions;

    EventStreamRoutes(EventBus bus, AccessControl access, int maxStreams, ServerConfig.StreamTimings timings) {
        this.bus = bus;
        this.access = access;
        this.maxStreams = maxStreams;
        this.timings = timings;
        this.placeFreedWithin = timings.heartbeat().multipliedBy(2);
        this.openStreams = new Semaphore(maxStreams);
        this.live = new LiveTail(bus, timings.poll());
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
        Set<String> types = eventTypes(ctx);
        boolean latest = versions.wantsLatest(ctx);
        long resumeAfter = resumePosition(ctx);
        long newest = newestPosition(tenant);
        long startAfter = resumeAfter >= 0 ? resumeAfter : newest;
        if (!openStreams.tryAcquire()) {
            throw new RateLimitedException("too_many_streams", "this server already serves " + maxStreams
                    + " event streams (EVENTBUS_MAX_STREAMS); retry later", placeFreedWithin);
        }
        try {
            // A write blocked this long (the client reads nothing) fails, which ends the stream.
            ServletContextRequest.getServletContextRequest(ctx.req()).getConnectionMetaData().getConnection()
                    .getEndPoint().setIdleTimeout(timings.idle().toMillis());
            startEventStream(ctx.res());
            ctx.async(task -> {
                task.executor = tails;
                task.timeout = 0;
            }, () -> {
                StreamClient client = new StreamClient(tenant, types, timings.buffer());
                try {
                    tail(new SseClient(ctx), client, startAfter, live.join(client, newest), latest);
                } finally {
                    live.leave(client);
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

    /** Runs until the client goes away (a failed write), falls too far behind, or the server closes (interrupt). */
    private void tail(SseClient client, StreamClient stream, long startAfter, long liveAfter, boolean latest) {
        long cursor = startAfter;
        try {
            cursor = catchUp(client, stream, cursor, liveAfter, latest);
            while (!client.terminated()) {
                Event event = stream.next(timings.heartbeat());
                if (event == null && stream.tooSlow()) {
                    end(client, cursor);
                    return;
                }
                if (event == null) {
                    client.sendComment("keep-alive");
                } else if (event.position() > cursor) {
                    send(client, event, latest);
                    cursor = event.position();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // The client reconnects with Last-Event-ID and resumes where this stream stopped.
            LOG.warn("Event stream of tenant {} stopped after position {}: {}", stream.tenant(), cursor, e.toString());
        }
    }

    /**
     * Writes the stored events from {@code cursor} up to {@code liveAfter}, where the feed took
     * over; what the feed queued meanwhile is skipped by position afterwards. Returns the new cursor.
     */
    private long catchUp(SseClient client, StreamClient stream, long cursor, long liveAfter, boolean latest) {
        EventQuery.Builder query = EventQuery.forTenant(stream.tenant()).types(stream.types())
                .order(SortOrder.OLDEST_FIRST).limit(LiveTail.PAGE_SIZE);
        while (cursor < liveAfter && !client.terminated()) {
            Page<Event> page = bus.history(query.after(cursor).build());
            for (Event event : page.items()) {
                send(client, event, latest);
                cursor = event.position();
            }
            if (!page.hasMore()) {
                break;
            }
        }
        return cursor;
    }

    /** {@code latest}: upcast to the newest registered schema version (the client asked for it). */
    private void send(SseClient client, Event event, boolean latest) {
        client.sendEvent(event.eventType(), versions.deliver(event, latest), Long.toString(event.position()));
    }

    /** Says why the stream ends, without an id, so the client's Last-Event-ID stays its last event. */
    private void end(SseClient client, long cursor) {
        client.sendEvent(END_MESSAGE, Map.of("error", "stream_too_slow",
                "message", "this client fell more than " + timings.buffer() + " events behind (EVENTBUS_STREAM_BUFFER); "
                        + "reconnect with Last-Event-ID " + cursor + " to resume",
                "last_event_id", Long.toString(cursor)));
        client.close();
    }

    @Override
    public void close() {
        live.close();
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
