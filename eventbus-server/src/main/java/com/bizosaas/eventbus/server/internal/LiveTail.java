package com.bizosaas.eventbus.server.internal;

import com.bizosaas.eventbus.DispatchWatcher;
import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.logging.ThrottledLog;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.EventQuery;
import com.bizosaas.eventbus.model.Page;
import com.bizosaas.eventbus.model.SortOrder;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds every open event stream of this server from one watch on the bus's dispatch, through one
 * {@link TenantFeed} per tenant with open streams. A dispatched event that is its tenant's next
 * position goes straight to the streams; otherwise, and every {@code poll} interval (which is how
 * events that another instance dispatched arrive), one thread reads the tenant's new events from
 * the store once for all of its streams. Tenants without open streams cost nothing. Thread-safe;
 * {@link #close()} stops the watch and the reads.
 */
final class LiveTail implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveTail.class);
    private static final ThrottledLog THROTTLED = ThrottledLog.of(LOG);
    static final int PAGE_SIZE = 500;

    private final EventBus bus;
    private final Map<UUID, TenantFeed> feeds = new ConcurrentHashMap<>();
    private final ScheduledExecutorService reader = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "eventbus-stream-feed");
        thread.setDaemon(true);
        return thread;
    });
    private final DispatchWatcher.Watch watch;

    LiveTail(EventBus bus, Duration poll) {
        this.bus = bus;
        this.watch = bus.watchDispatches(this::dispatched);
        reader.scheduleWithFixedDelay(() -> feeds.values().forEach(this::read), poll.toMillis(), poll.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * Adds a client to its tenant's feed, creating the feed at {@code newest} (the tenant's newest
     * stored position, read by the caller) when it is the first. Returns the position after which
     * the client gets every event through its queue; before it, the client reads the store itself.
     */
    long join(StreamClient client, long newest) {
        long[] liveAfter = new long[1];
        boolean[] created = new boolean[1];
        TenantFeed feed = feeds.compute(client.tenant(), (tenant, existing) -> {
            TenantFeed joined = existing != null ? existing : new TenantFeed(tenant, newest);
            created[0] = existing == null;
            liveAfter[0] = joined.join(client);
            return joined;
        });
        if (created[0]) {
            // Events dispatched between the caller's read of "newest" and now passed no feed.
            requestRead(feed);
        }
        return liveAfter[0];
    }

    void leave(StreamClient client) {
        feeds.computeIfPresent(client.tenant(), (tenant, feed) -> feed.leave(client) ? null : feed);
    }

    /** On a dispatcher thread: must not block. */
    private void dispatched(Event event) {
        TenantFeed feed = feeds.get(event.tenantId());
        if (feed != null && feed.dispatched(event)) {
            requestRead(feed);
        }
    }

    private void requestRead(TenantFeed feed) {
        if (feed.queueRead()) {
            try {
                reader.execute(() -> read(feed));
            } catch (RejectedExecutionException closed) {
                feed.readStarted();
            }
        }
    }

    /** Reads the tenant's events after the feed's cursor, oldest first, for all of its streams at once. */
    private void read(TenantFeed feed) {
        feed.readStarted();
        try {
            EventQuery.Builder query = EventQuery.forTenant(feed.tenant()).order(SortOrder.OLDEST_FIRST).limit(PAGE_SIZE);
            Page<Event> page;
            do {
                page = bus.history(query.after(feed.cursor()).build());
                feed.read(page.items());
            } while (page.hasMore());
        } catch (RuntimeException e) {
            // The next dispatch or poll tries again; the streams meanwhile only wait.
            THROTTLED.warn("read", "Could not read new events of tenant {} for its streams: {}", feed.tenant(),
                    e.toString());
        }
    }

    @Override
    public void close() {
        watch.close();
        reader.shutdownNow();
    }
}
