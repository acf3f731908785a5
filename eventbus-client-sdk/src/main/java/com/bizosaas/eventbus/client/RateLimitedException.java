package com.bizosaas.eventbus.client;

import java.time.Duration;

/** The tenant exceeded its rate (429); {@link #retryAfter()} is the server's {@code Retry-After}. */
public class RateLimitedException extends EventBusClientException {
    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    public RateLimitedException(String code, String message, Duration retryAfter) {
        super(code, message, 429, true, null);
        this.retryAfter = retryAfter;
    }

    /** How long the server asked the client to wait; {@link Duration#ZERO} when it did not say. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
