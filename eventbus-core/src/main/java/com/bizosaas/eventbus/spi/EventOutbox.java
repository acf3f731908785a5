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
}
