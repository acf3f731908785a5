package com.bizosaas.eventbus.spi;

import com.bizosaas.eventbus.model.Event;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * The store's role as the outbox: which stored events the broker has not confirmed, or that are
 * not dispatched yet, so the relay can republish them after a broker outage, a crash or a broker's
 * loss of data. Thread-safe. Part of {@link EventStore}; contract: {@code EventStoreContract}.
 */
public interface EventOutbox {

    /**
     * Stored events neither confirmed by the broker nor dispatched, stored before
     * {@code storedBefore}, oldest first (in position order per tenant), across tenants.
     */
    List<Event> unpublished(Instant storedBefore, int limit);

    /**
     * The broker accepted these events. The relay stops republishing them, but they stay in the
     * outbox until {@link #markDispatched dispatched}, because a broker may still lose them.
     */
    void markConfirmed(Collection<UUID> eventIds);

    /** These events were dispatched (their deliveries are recorded); they leave the outbox. */
    void markDispatched(Collection<UUID> eventIds);

    /**
     * The broker lost what it held, or may have. Every event still in the outbox and stored
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
}
