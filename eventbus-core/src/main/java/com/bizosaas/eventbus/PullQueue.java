package com.bizosaas.eventbus;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** Pull subscriptions: long-poll, then acknowledge. Thread-safe. */
public interface PullQueue {

    /**
     * Leases up to {@code max} due events of the pull subscription, waiting up to {@code wait}
     * for the first one. Returns an empty list when none arrived in time.
     */
    List<PulledEvent> pull(UUID subscriptionId, int max, Duration wait);

    /** Marks the leased events delivered. Unknown ack ids are reported by {@link NotFoundException}. */
    void ack(UUID subscriptionId, List<String> ackIds);

    /** Gives the events back, due again after {@code delay}; counts as a failed attempt. */
    void nack(UUID subscriptionId, List<String> ackIds, Duration delay);
}
