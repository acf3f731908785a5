package com.bizosaas.eventbus;

import java.time.Duration;

/** The tenant exceeded its rate; {@link #retryAfter()} says when a token will be available. */
public class RateLimitedException extends EventBusException {
    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    public RateLimitedException(String message, Duration retryAfter) {
        super("rate_limited", message, true, null);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
