package com.bizosaas.eventbus.spi;

import java.time.Instant;

/**
 * The store's role in retention: events older than the TTL go. Part of {@link EventStore}.
 */
public interface EventRetention {

    /** Removes events older than {@code cutoff}; returns how many. */
    long purgeBefore(Instant cutoff);
}
