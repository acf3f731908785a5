package com.bizosaas.eventbus.internal;

import java.time.Duration;

/**
 * Outcome of one delivery attempt.
 *
 * @param retryAfter the receiver's Retry-After, or null
 * @param gone       the receiver answered 410: stop delivering to this subscription
 * @param permanent  no later attempt can succeed (the data does not fit the handler): dead letter now
 */
record AttemptResult(boolean success, int statusCode, String error, Duration retryAfter, boolean gone,
                     boolean permanent, long durationNanos) {

    static AttemptResult ok(int statusCode, long durationNanos) {
        return new AttemptResult(true, statusCode, null, null, false, false, durationNanos);
    }

    static AttemptResult failed(int statusCode, String error, Duration retryAfter, boolean gone, long durationNanos) {
        return new AttemptResult(false, statusCode, error, retryAfter, gone, false, durationNanos);
    }

    /** A failure that retrying cannot fix. */
    static AttemptResult failedForGood(String error, long durationNanos) {
        return new AttemptResult(false, 0, error, null, false, true, durationNanos);
    }
}
