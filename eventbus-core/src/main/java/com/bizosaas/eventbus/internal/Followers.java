package com.bizosaas.eventbus.internal;

import com.bizosaas.eventbus.following.FollowHandler;
import com.bizosaas.eventbus.following.FollowOptions;
import com.bizosaas.eventbus.following.Follower;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.schema.SchemaRegistry;
import com.bizosaas.eventbus.spi.EventStore;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** The bus's running followers: starts them, wakes those of a tenant whose events were just stored, closes them. */
final class Followers {
    private final EventStore store;
    private final SchemaRegistry schemas;
    private final List<StoreFollower> running = new CopyOnWriteArrayList<>();
    private final AtomicInteger threads = new AtomicInteger();

    Followers(EventStore store, SchemaRegistry schemas) {
        this.store = store;
        this.schemas = schemas;
    }

    Follower follow(UUID tenantId, long fromPosition, FollowOptions options, FollowHandler handler) {
        if (tenantId == null || options == null || handler == null || fromPosition < 0) {
            throw new IllegalArgumentException("tenantId, options and handler are required and fromPosition must not "
                    + "be negative; got " + fromPosition);
        }
        StoreFollower follower = new StoreFollower(store, schemas, tenantId, fromPosition, options, handler,
                running::remove);
        running.add(follower);
        follower.start("eventbus-follow-" + threads.incrementAndGet());
        return follower;
    }

    /** Called after events were stored: their tenants' followers read at once. */
    void stored(List<Event> events) {
        if (running.isEmpty() || events.isEmpty()) {
            return;
        }
        Set<UUID> tenants = events.size() == 1 ? Set.of(events.get(0).tenantId())
                : Set.copyOf(events.stream().map(Event::tenantId).toList());
        for (StoreFollower follower : running) {
            if (tenants.contains(follower.tenantId())) {
                follower.wake();
            }
        }
    }

    void close() {
        running.forEach(StoreFollower::close);
    }
}
