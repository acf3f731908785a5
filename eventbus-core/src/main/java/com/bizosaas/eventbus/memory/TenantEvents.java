package com.bizosaas.eventbus.memory;

import com.bizosaas.eventbus.ConflictException;
import com.bizosaas.eventbus.WrongExpectedVersionException;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.EventQuery;
import com.bizosaas.eventbus.model.Page;
import com.bizosaas.eventbus.model.SortOrder;
import com.bizosaas.eventbus.spi.AppendResult;
import com.bizosaas.eventbus.spi.EventStore;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Consumer;

/**
 * One tenant's events in {@link InMemoryEventStore}. Writers hold the monitor; readers take no
 * lock and only see positions up to {@link #visible}, which is raised after a whole batch is in,
 * so a reader paging by position can never skip an event that a concurrent append is still adding.
 */
final class TenantEvents {
    private final PositionLog byPosition = new PositionLog();
    private final ConcurrentHashMap<UUID, Event> byId = new ConcurrentHashMap<>();
    /** Guarded by this. */
    private final Map<String, UUID> idByIdempotencyKey = new HashMap<>();
    private final ConcurrentHashMap<String, Stream> streams = new ConcurrentHashMap<>();
    /** Guarded by this. */
    private long lastPosition;
    private volatile long visible;

    /** Appends events of this tenant; one result per event, in order. */
    synchronized List<AppendResult> append(List<Event> events, Consumer<Event> onStored) {
        List<AppendResult> results = new ArrayList<>(events.size());
        for (Event e : events) {
            Event original = existing(e);
            if (original != null) {
                results.add(new AppendResult(original, true));
            } else {
                Event stored = e.withPosition(++lastPosition);
                add(stored);
                onStored.accept(stored);
                results.add(new AppendResult(stored, false));
            }
        }
        visible = lastPosition;
        return results;
    }

    synchronized List<Event> appendToStream(String streamId, long expectedVersion, List<Event> events,
                                            Consumer<Event> onStored) {
        Stream stream = streams.get(streamId);
        long current = stream == null ? 0 : stream.version;
        if (expectedVersion != EventStore.ANY_VERSION && expectedVersion != current) {
            throw new WrongExpectedVersionException(streamId, current, expectedVersion);
        }
        for (Event e : events) {
            if (existing(e) != null) {
                throw new ConflictException("duplicate_event", "event " + e.id()
                        + " (or its idempotency key) is already stored");
            }
        }
        if (stream == null) {
            stream = new Stream();
            streams.put(streamId, stream);
        }
        List<Event> result = new ArrayList<>(events.size());
        for (Event e : events) {
            Event stored = e.toBuilder().subject(streamId).streamVersion(++stream.version)
                    .position(++lastPosition).build();
            add(stored);
            stream.byVersion.put(stored.streamVersion(), stored);
            onStored.accept(stored);
            result.add(stored);
        }
        visible = lastPosition;
        return result;
    }

    Page<Event> query(EventQuery query) {
        long low = Math.max(1, query.minPosition());
        long high = query.maxPosition() > 0 ? Math.min(visible, query.maxPosition()) : visible;
        boolean oldestFirst = query.order() == SortOrder.OLDEST_FIRST;
        if (query.after() > 0) {
            if (oldestFirst) {
                low = Math.max(low, query.after() + 1);
            } else {
                high = Math.min(high, query.after() - 1);
            }
        }
        List<Event> items = new ArrayList<>(Math.min(query.limit() + 1, 128));
        if (low <= high) {
            byPosition.scan(oldestFirst ? low : high, oldestFirst ? high : low, e -> {
                if (query.matches(e)) {
                    items.add(e);
                }
                return items.size() <= query.limit();
            });
        }
        if (items.size() > query.limit()) {
            items.remove(items.size() - 1);
            return new Page<>(items, items.get(items.size() - 1).position());
        }
        return new Page<>(items, 0);
    }

    List<Event> findAll(Collection<UUID> ids) {
        long limit = visible;
        List<Event> found = new ArrayList<>(ids.size());
        for (UUID id : ids) {
            Event e = byId.get(id);
            if (e != null && e.position() <= limit) {
                found.add(e);
            }
        }
        found.sort(Comparator.comparingLong(Event::position));
        return found;
    }

    List<Event> readStream(String streamId, long fromVersion) {
        Stream stream = streams.get(streamId);
        if (stream == null) {
            return List.of();
        }
        long limit = visible;
        List<Event> result = new ArrayList<>();
        for (Event e : stream.byVersion.tailMap(fromVersion, true).values()) {
            if (e.position() <= limit) {
                result.add(e);
            }
        }
        return result;
    }

    /** Removes events whose own time is before {@code cutoff}; stream versions carry on regardless. */
    synchronized List<Event> purgeBefore(Instant cutoff) {
        List<Event> removed = new ArrayList<>();
        byPosition.scan(1, lastPosition, e -> {
            if (e.time().isBefore(cutoff)) {
                removed.add(e);
            }
            return true;
        });
        for (Event e : removed) {
            byPosition.remove(e.position());
            byId.remove(e.id());
            if (e.idempotencyKey() != null) {
                idByIdempotencyKey.remove(e.idempotencyKey(), e.id());
            }
            if (e.streamVersion() != null) {
                streams.get(e.subject()).byVersion.remove(e.streamVersion());
            }
        }
        return removed;
    }

    int size() {
        return byPosition.size();
    }

    private Event existing(Event e) {
        Event original = byId.get(e.id());
        if (original == null && e.idempotencyKey() != null) {
            UUID originalId = idByIdempotencyKey.get(e.idempotencyKey());
            original = originalId == null ? null : byId.get(originalId);
        }
        return original;
    }

    /** Replaces the data of stored events (re-encryption); returns how many were found. */
    synchronized int rewriteData(Map<UUID, ObjectNode> data) {
        int rewritten = 0;
        for (Map.Entry<UUID, ObjectNode> entry : data.entrySet()) {
            Event old = byId.get(entry.getKey());
            if (old == null) {
                continue;
            }
            Event updated = old.toBuilder().data(entry.getValue()).build();
            byId.put(updated.id(), updated);
            byPosition.put(updated);
            Stream stream = old.subject() == null || old.streamVersion() == null ? null : streams.get(old.subject());
            if (stream != null) {
                stream.byVersion.replace(old.streamVersion(), updated);
            }
            rewritten++;
        }
        return rewritten;
    }

    private void add(Event stored) {
        byId.put(stored.id(), stored);
        if (stored.idempotencyKey() != null) {
            idByIdempotencyKey.put(stored.idempotencyKey(), stored.id());
        }
        byPosition.put(stored);
    }

    /** An event-sourced stream: its version survives purges of its old events. */
    private static final class Stream {
        private final ConcurrentSkipListMap<Long, Event> byVersion = new ConcurrentSkipListMap<>();
        private long version;
    }
}
