package com.bizosaas.eventbus;

import java.time.Duration;

/** The caller exceeded a rate or a limit; {@link #retryAfter()} says when to try again. */
public class RateLimitedException extends EventBusException {
    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    public RateLimitedException(String message, Duration retryAfter) {
        this("rate_limited", message, retryAfter);
    }

    public RateLimitedException(String code, String message, Duration retryAfter) {
        super(code, message, true, null);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
