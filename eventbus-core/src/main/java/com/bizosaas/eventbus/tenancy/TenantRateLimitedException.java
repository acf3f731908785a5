package com.bizosaas.eventbus.tenancy;

import com.bizosaas.eventbus.RateLimitedException;
import java.time.Duration;
import java.util.UUID;

/**
 * A tenant went over its {@link RateLimit}: nothing was done. Carries what the {@code RateLimit-*}
 * response headers report: the bucket's size, the tokens left and when it is full again.
 */
public class TenantRateLimitedException extends RateLimitedException {
    private static final long serialVersionUID = 1L;

    private final transient RateLimit limit;
    private final long remaining;
    private final Duration untilFull;

    public TenantRateLimitedException(UUID tenant, String what, long cost, RateLimit limit, long remaining,
                                      Duration retryAfter, Duration untilFull) {
        super("tenant " + tenant + " is over its rate limit of " + limit.perSecond()
                + " per second (burst " + limit.burst() + ") for " + what + ": " + cost + " requested, " + remaining
                + " left; retry after " + retryAfter.toMillis() + " ms", retryAfter);
        this.limit = limit;
        this.remaining = remaining;
        this.untilFull = untilFull;
    }

    public RateLimit limit() {
        return limit;
    }

    public long remaining() {
        return remaining;
    }

    /** How long until the bucket is full again. */
    public Duration untilFull() {
        return untilFull;
    }
}
