package com.bizosaas.eventbus.spi;

import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.EventQuery;
import com.bizosaas.eventbus.model.Page;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Durable, tenant-scoped storage of events: the audit trail, the replay source and the outbox.
 * Implementations are thread-safe. Every read takes the tenant; no call returns another
 * tenant's events. Contract: {@code EventStoreContract} in core's test-jar.
 */
public interface EventStore extends HealthIndicator, AutoCloseable {

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
     * from the current one. A different current version throws {@code ConflictException}.
     */
    List<Event> appendToStream(UUID tenantId, String streamId, long expectedVersion, List<Event> events);

    /** The stream's events with {@code stream_version >= fromVersion}, in version order. */
    List<Event> readStream(UUID tenantId, String streamId, long fromVersion);

    long ANY_VERSION = -1;

    /**
     * Outbox: stored events neither confirmed by the broker nor dispatched, stored before
     * {@code storedBefore}, oldest first (in position order per tenant), across tenants. Used by
     * the relay that republishes after a broker outage, a crash or a broker's loss of data.
     */
    List<Event> unpublished(Instant storedBefore, int limit);

    /**
     * Outbox: the broker accepted these events. The relay stops republishing them, but they stay
     * in the outbox until {@link #markDispatched dispatched}, because a broker may still lose them.
     */
    void markConfirmed(Collection<UUID> eventIds);

    /** Outbox: these events were dispatched (their deliveries are recorded); they leave the outbox. */
    void markDispatched(Collection<UUID> eventIds);

    /**
     * Outbox: the broker lost what it held, or may have. Every event still in the outbox and stored
     * before {@code storedBefore} counts as unconfirmed again, so the relay republishes it.
     *
     * @return how many events were confirmed and are not any more
     */
    long forgetConfirmations(Instant storedBefore);

    /**
     * Scheduled events ({@link Event#isScheduled}) wait in the outbox, left out of
     * {@link #unpublished}, until their due time. This releases those due at or before {@code now},
     * at most {@code limit}, in order of due time, then tenant and position: each becomes an
     * ordinary outbox entry stored at {@code now} (so the relay republishes it if the broker never
     * takes it) and is released once, whatever the number of instances calling this.
     */
    List<Event> releaseDue(Instant now, int limit);

    /** Withdraws a scheduled event that is not released yet; it stays in the history. */
    ScheduleCancellation cancelScheduled(UUID tenantId, UUID eventId);

    /** Retention: removes events older than {@code cutoff}; returns how many (or -1 if unknown). */
    long purgeBefore(Instant cutoff);

    /**
     * Identifies the data this store holds, the same for every instance that shares it (letters,
     * digits and '-'): brokers refuse to dispatch one namespace for two stores, which would each
     * take part of the other's events. {@code null} (the default) skips that check.
     */
    default String deploymentId() {
        return null;
    }

    @Override
    default String healthName() {
        return "event_store";
    }

    @Override
    void close();
}
