package com.bizosaas.eventbus.spi;

import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.EventQuery;
import com.bizosaas.eventbus.model.Page;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The store's role as the tenant-scoped record of events and event-sourced streams: the audit
 * trail and the replay source. Every read takes the tenant; no call returns another tenant's
 * events. Thread-safe. Part of {@link EventStore}; contract: {@code EventStoreContract}.
 */
public interface EventLog {

    /** {@link #appendToStream} without a version check. */
    long ANY_VERSION = -1;

    /**
     * Stores the events, assigning each a position that is strictly increasing per tenant.
     * Idempotent: an event whose id, or whose (tenant, idempotency key), is already stored is not
     * stored again; its result is the original with {@code duplicate = true}. Events must carry
     * an id and a time. Results are in the order of the input.
     */
    List<AppendResult> append(List<Event> events);

    /** Events matching the query, in its order, at most {@code query.limit()} of them. */
    Page<Event> query(EventQuery query);

    /** The tenant's events with these ids (missing ids are left out), in position order. */
    List<Event> findAll(UUID tenantId, Collection<UUID> eventIds);

    default Optional<Event> find(UUID tenantId, UUID eventId) {
        return findAll(tenantId, List.of(eventId)).stream().findFirst();
    }

    /**
     * Appends to an event-sourced stream (the events' subject) if it is at {@code expectedVersion}
     * (0 = the stream must not exist yet; {@link #ANY_VERSION} = no check). Versions continue
     * from the current one. A different current version throws {@code ConflictException}; an
     * argument that can never succeed (see {@link StreamAppends#check}) a {@code ValidationException},
     * before anything is read or stored.
     */
    List<Event> appendToStream(UUID tenantId, String streamId, long expectedVersion, List<Event> events);

    /** The stream's events with {@code stream_version >= fromVersion}, in version order. */
    List<Event> readStream(UUID tenantId, String streamId, long fromVersion);

    /**
     * Identifies the data this store holds, the same for every instance that shares it (letters,
     * digits and '-'): brokers refuse to dispatch one namespace for two stores, which would each
     * take part of the other's events. {@code null} (the default) skips that check.
     */
    default String deploymentId() {
        return null;
    }

    /**
     * Replaces the {@code data} of stored events of one tenant, leaving everything else as it is
     * (the re-encryption job moves old events to a tenant's new key). Events not found are
     * skipped. Returns how many were rewritten.
     */
    int rewriteData(UUID tenantId, Map<UUID, ObjectNode> data);
}
