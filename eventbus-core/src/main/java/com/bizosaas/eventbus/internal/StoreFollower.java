package com.bizosaas.eventbus.internal;

import com.bizosaas.eventbus.following.FollowHandler;
import com.bizosaas.eventbus.following.FollowOptions;
import com.bizosaas.eventbus.following.Follower;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.EventQuery;
import com.bizosaas.eventbus.model.Page;
import com.bizosaas.eventbus.model.SortOrder;
import com.bizosaas.eventbus.schema.SchemaRegistry;
import com.bizosaas.eventbus.spi.EventStore;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Follower} that tails the store by position on its own thread: catching up and
 * following live are the same keyset read, so there is no switch-over to get wrong. The store
 * never makes a position visible before a smaller one of the same tenant, which is what makes
 * "after the last position handled" complete.
 */
final class StoreFollower implements Follower, Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(StoreFollower.class);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

    private final EventStore store;
    private final SchemaRegistry schemas;
    private final UUID tenantId;
    private final FollowOptions options;
    private final FollowHandler handler;
    private final Signal stored = new Signal();
    private final Consumer<StoreFollower> onClose;
    private volatile long position;
    private volatile boolean live;
    private volatile boolean closed;
    private volatile Thread thread;

    StoreFollower(EventStore store, SchemaRegistry schemas, UUID tenantId, long fromPosition, FollowOptions options,
                  FollowHandler handler, Consumer<StoreFollower> onClose) {
        this.store = store;
        this.schemas = schemas;
        this.tenantId = tenantId;
        this.position = fromPosition;
        this.options = options;
        this.handler = handler;
        this.onClose = onClose;
    }

    UUID tenantId() {
        return tenantId;
    }

    void start(String threadName) {
        Thread t = new Thread(this, threadName);
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /** Events of the tenant were stored by this instance: read now instead of at the next poll. */
    void wake() {
        stored.raise();
    }

    @Override
    public void run() {
        while (!closed) {
            try {
                Page<Event> page = store.query(EventQuery.forTenant(tenantId)
                        .types(options.eventTypes())
                        .after(position)
                        .order(SortOrder.OLDEST_FIRST)
                        .limit(EventQuery.MAX_LIMIT)
                        .build());
                for (Event event : page.items()) {
                    if (closed) {
                        return;
                    }
                    handler.handle(options.latestSchema() ? schemas.toLatest(event) : event);
                    position = event.position();
                }
                if (page.items().size() < EventQuery.MAX_LIMIT) {
                    live = true;
                    stored.await(options.pollInterval());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                // The handler or the store failed: the position stays, so the same event comes again.
                LOG.warn("Follower of tenant {} failed after position {}; retrying in {}", tenantId, position,
                        RETRY_PAUSE, e);
                if (!pause()) {
                    return;
                }
            }
        }
    }

    private boolean pause() {
        try {
            Thread.sleep(RETRY_PAUSE.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public boolean isLive() {
        return live;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        stored.raise();
        Thread t = thread;
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(RETRY_PAUSE.multipliedBy(5).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        onClose.accept(this);
    }
}
