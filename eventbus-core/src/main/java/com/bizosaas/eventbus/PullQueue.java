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
    default void nack(UUID subscriptionId, List<String> ackIds, Duration delay) {
        nack(subscriptionId, ackIds, delay, null, false);
    }

    /**
     * Like {@link #nack(UUID, List, Duration)}, with the subscriber's reason recorded as the
     * attempt's error. {@code deadLetter} makes the events dead letters now instead of retrying
     * them: for failures a retry cannot fix, such as data that does not fit the subscriber's type.
     *
     * @param error the reason, at most {@link #MAX_NACK_ERROR_LENGTH} characters, or {@code null}
     */
    void nack(UUID subscriptionId, List<String> ackIds, Duration delay, String error, boolean deadLetter);

    /** Longest reason a nack may carry. */
    int MAX_NACK_ERROR_LENGTH = 2000;
}
