package com.bizosaas.eventbus.internal;

import com.bizosaas.eventbus.model.ComponentHealth;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.EventQuery;
import com.bizosaas.eventbus.model.Page;
import com.bizosaas.eventbus.spi.AppendResult;
import com.bizosaas.eventbus.spi.EventStore;
import com.bizosaas.eventbus.spi.ScheduleCancellation;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The store as the engine's readers see it: events read back (history, single reads, deliveries,
 * pulls, replays, streams) have their data in clear, and so does the stored original of a
 * duplicate append, so an idempotent retry is compared in clear. What goes to the broker (fresh
 * appends, the outbox) stays as stored: encrypted. Thread-safe.
 */
public final class DecryptingEventStore implements EventStore {
    private final EventStore stored;
    private final EventDataCipher cipher;

    private DecryptingEventStore(EventStore stored, EventDataCipher cipher) {
        this.stored = stored;
        this.cipher = cipher;
    }

    public static EventStore readingInClear(EventStore stored, EventDataCipher cipher) {
        return new DecryptingEventStore(stored, cipher);
    }

    @Override
    public List<AppendResult> append(List<Event> events) {
        List<AppendResult> results = stored.append(events);
        return results.stream().anyMatch(AppendResult::duplicate)
                ? results.stream().map(r -> r.duplicate() ? new AppendResult(cipher.decrypt(r.event()), true) : r)
                        .toList()
                : results;
    }

    @Override
    public Page<Event> query(EventQuery query) {
        Page<Event> page = stored.query(query);
        return new Page<>(page.items().stream().map(cipher::decrypt).toList(), page.nextCursor());
    }

    @Override
    public List<Event> findAll(UUID tenantId, Collection<UUID> eventIds) {
        return stored.findAll(tenantId, eventIds).stream().map(cipher::decrypt).toList();
    }

    @Override
    public Optional<Event> find(UUID tenantId, UUID eventId) {
        return stored.find(tenantId, eventId).map(cipher::decrypt);
    }

    @Override
    public List<Event> appendToStream(UUID tenantId, String streamId, long expectedVersion, List<Event> events) {
        return stored.appendToStream(tenantId, streamId, expectedVersion, events);
    }

    @Override
    public List<Event> readStream(UUID tenantId, String streamId, long fromVersion) {
        return stored.readStream(tenantId, streamId, fromVersion).stream().map(cipher::decrypt).toList();
    }

    @Override
    public int rewriteData(UUID tenantId, Map<UUID, ObjectNode> data) {
        return stored.rewriteData(tenantId, data);
    }

    @Override
    public List<Event> unpublished(Instant storedBefore, int limit) {
        return stored.unpublished(storedBefore, limit);
    }

    @Override
    public void markConfirmed(Collection<UUID> eventIds) {
        stored.markConfirmed(eventIds);
    }

    @Override
    public void markDispatched(Collection<UUID> eventIds) {
        stored.markDispatched(eventIds);
    }

    @Override
    public long forgetConfirmations(Instant storedBefore) {
        return stored.forgetConfirmations(storedBefore);
    }

    /** Released events go to the broker, which carries them encrypted. */
    @Override
    public List<Event> releaseDue(Instant now, int limit) {
        return stored.releaseDue(now, limit);
    }

    @Override
    public ScheduleCancellation cancelScheduled(UUID tenantId, UUID eventId) {
        return stored.cancelScheduled(tenantId, eventId);
    }

    @Override
    public long purgeBefore(Instant cutoff) {
        return stored.purgeBefore(cutoff);
    }

    @Override
    public String deploymentId() {
        return stored.deploymentId();
    }

    @Override
    public String healthName() {
        return stored.healthName();
    }

    @Override
    public ComponentHealth health() {
        return stored.health();
    }

    @Override
    public void close() {
        stored.close();
    }
}
