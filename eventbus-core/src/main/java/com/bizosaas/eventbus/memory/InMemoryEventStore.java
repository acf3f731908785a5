package com.bizosaas.eventbus.memory;

import com.bizosaas.eventbus.ValidationException;
import com.bizosaas.eventbus.model.ComponentHealth;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.EventQuery;
import com.bizosaas.eventbus.model.Page;
import com.bizosaas.eventbus.spi.AppendResult;
import com.bizosaas.eventbus.spi.EventStore;
import com.bizosaas.eventbus.spi.StreamAppends;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.bizosaas.eventbus.spi.ScheduleCancellation;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The embedded {@link EventStore}: events live in the JVM heap and are lost on exit. Thread-safe;
 * appends lock only their own tenant, reads take no lock. The outbox time is taken from the given
 * clock ({@link Clock#systemUTC()} by default).
 */
public final class InMemoryEventStore implements EventStore {
    private final Clock clock;
    /** Nothing outlives the process, so no other process can share this store. */
    private final String deploymentId = UUID.randomUUID().toString();
    private final ConcurrentHashMap<UUID, TenantEvents> tenants = new ConcurrentHashMap<>();
    /**
     * Stored events in store order until the relay sees them dispatched; dispatched ones are only
     * flagged and leave the queue when the relay next passes them, which costs less than keeping
     * a sorted index of the others.
     */
    private final ConcurrentLinkedQueue<Outgoing> outbox = new ConcurrentLinkedQueue<>();
    private final ConcurrentHashMap<UUID, Outgoing> undispatched = new ConcurrentHashMap<>();
    /** Scheduled events join the outbox only when released. */
    private final ScheduledEvents scheduled = new ScheduledEvents();

    public InMemoryEventStore() {
        this(Clock.systemUTC());
    }

    public InMemoryEventStore(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public List<AppendResult> append(List<Event> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        UUID firstTenant = events.get(0).tenantId();
        boolean oneTenant = true;
        for (Event e : events) {
            StreamAppends.requireStorable(e);
            oneTenant &= e.tenantId().equals(firstTenant);
        }
        if (oneTenant) {
            return tenant(firstTenant).append(events, this::addToOutbox);
        }
        // Each tenant appends its own events at once; the results go back to the callers' order.
        Map<UUID, List<Integer>> indexesByTenant = new LinkedHashMap<>();
        for (int i = 0; i < events.size(); i++) {
            indexesByTenant.computeIfAbsent(events.get(i).tenantId(), t -> new ArrayList<>()).add(i);
        }
        AppendResult[] results = new AppendResult[events.size()];
        indexesByTenant.forEach((tenant, indexes) -> {
            List<AppendResult> stored = tenant(tenant).append(indexes.stream().map(events::get).toList(),
                    this::addToOutbox);
            for (int j = 0; j < indexes.size(); j++) {
                results[indexes.get(j)] = stored.get(j);
            }
        });
        return Arrays.asList(results);
    }

    @Override
    public Page<Event> query(EventQuery query) {
        TenantEvents log = tenants.get(query.tenantId());
        return log == null ? new Page<>(List.of(), 0) : log.query(query);
    }

    @Override
    public int rewriteData(UUID tenantId, Map<UUID, ObjectNode> data) {
        TenantEvents log = tenants.get(tenantId);
        return log == null ? 0 : log.rewriteData(data);
    }

    @Override
    public List<Event> findAll(UUID tenantId, Collection<UUID> eventIds) {
        TenantEvents log = tenants.get(tenantId);
        return log == null ? List.of() : log.findAll(eventIds);
    }

    @Override
    public List<Event> appendToStream(UUID tenantId, String streamId, long expectedVersion, List<Event> events) {
        StreamAppends.check(tenantId, streamId, expectedVersion, events);
        return tenant(tenantId).appendToStream(streamId, expectedVersion, events, this::addToOutbox);
    }

    @Override
    public List<Event> readStream(UUID tenantId, String streamId, long fromVersion) {
        TenantEvents log = tenants.get(tenantId);
        return log == null ? List.of() : log.readStream(streamId, fromVersion);
    }

    @Override
    public List<Event> unpublished(Instant storedBefore, int limit) {
        List<Event> result = new ArrayList<>(Math.min(limit, 256));
        for (Iterator<Outgoing> it = outbox.iterator(); it.hasNext() && result.size() < limit; ) {
            Outgoing o = it.next();
            // Store order follows the clock closely enough: anything missed here is picked up next round.
            if (!o.storedAt().isBefore(storedBefore)) {
                break;
            }
            if (o.dispatched) {
                it.remove();
            } else if (!o.confirmed) {
                result.add(o.event());
            }
        }
        return result;
    }

    @Override
    public void markConfirmed(Collection<UUID> eventIds) {
        for (UUID id : eventIds) {
            Outgoing o = undispatched.get(id);
            if (o != null) {
                o.confirmed = true;
            }
        }
    }

    @Override
    public void markDispatched(Collection<UUID> eventIds) {
        for (UUID id : eventIds) {
            Outgoing o = undispatched.remove(id);
            if (o != null) {
                o.dispatched = true;
            }
        }
        // Dispatches come roughly in store order, so most dispatched events leave from the head at once.
        Outgoing head;
        while ((head = outbox.peek()) != null && head.dispatched) {
            outbox.remove(head);
        }
    }

    @Override
    public long forgetConfirmations(Instant storedBefore) {
        long forgotten = 0;
        for (Outgoing o : undispatched.values()) {
            if (o.confirmed && o.storedAt().isBefore(storedBefore)) {
                o.confirmed = false;
                forgotten++;
            }
        }
        return forgotten;
    }

    @Override
    public List<Event> releaseDue(Instant now, int limit) {
        List<Event> due = scheduled.takeDue(now, limit);
        due.forEach(e -> addToOutbox(e, now));
        return due;
    }

    @Override
    public ScheduleCancellation cancelScheduled(UUID tenantId, UUID eventId) {
        if (findAll(tenantId, List.of(eventId)).isEmpty()) {
            return ScheduleCancellation.NOT_FOUND;
        }
        return scheduled.cancel(eventId) ? ScheduleCancellation.CANCELLED : ScheduleCancellation.NOT_PENDING;
    }

    @Override
    public long purgeBefore(Instant cutoff) {
        long purged = 0;
        for (TenantEvents log : tenants.values()) {
            List<Event> removed = log.purgeBefore(cutoff);
            markDispatched(removed.stream().map(Event::id).toList());
            purged += removed.size();
        }
        return purged;
    }

    @Override
    public ComponentHealth health() {
        long events = tenants.values().stream().mapToLong(TenantEvents::size).sum();
        return ComponentHealth.healthy(Map.of("type", "memory", "tenants", tenants.size(), "events", events,
                "undispatched", undispatched.size(), "scheduled", scheduled.size()));
    }

    @Override
    public String deploymentId() {
        return deploymentId;
    }

    @Override
    public void close() {
        // Nothing to release: the events are garbage once the store is unreachable.
    }

    private TenantEvents tenant(UUID tenantId) {
        return tenants.computeIfAbsent(tenantId, t -> new TenantEvents());
    }

    private void addToOutbox(Event stored) {
        if (stored.isScheduled()) {
            scheduled.add(stored);
        } else {
            addToOutbox(stored, clock.instant());
        }
    }

    private void addToOutbox(Event stored, Instant storedAt) {
        Outgoing o = new Outgoing(storedAt, stored);
        undispatched.put(stored.id(), o);
        outbox.add(o);
    }

    /** An event in the outbox; {@code confirmed} once the broker has it, {@code dispatched} once it may leave. */
    private static final class Outgoing {
        private final Instant storedAt;
        private final Event event;
        private volatile boolean confirmed;
        private volatile boolean dispatched;

        Outgoing(Instant storedAt, Event event) {
            this.storedAt = storedAt;
            this.event = event;
        }

        Instant storedAt() {
            return storedAt;
        }

        Event event() {
            return event;
        }
    }
}
