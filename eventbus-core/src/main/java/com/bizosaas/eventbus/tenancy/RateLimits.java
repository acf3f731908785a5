package com.bizosaas.eventbus.tenancy;

import java.util.Optional;
import java.util.UUID;

/**
 * Per-tenant rate limits: a default for every tenant and overrides per tenant. Publishing is
 * limited by the bus itself (a batch costs one token per event); {@link #acquireReads} is for the
 * layers that serve reads (the HTTP server's history and single-event routes). Thread-safe.
 */
public interface RateLimits {

    /** The limit that applies to the tenant: its override, else the default; empty when unlimited. */
    Optional<RateLimit> limit(UUID tenant);

    /** True when the tenant has its own limit rather than the default. */
    boolean isOverridden(UUID tenant);

    /** Gives the tenant its own limit from now on, kept in the tenant settings store: every instance on it applies it within seconds. */
    void override(UUID tenant, RateLimit limit);

    /**
     * Takes {@code reads} tokens from the tenant's read bucket.
     *
     * @throws TenantRateLimitedException when they are not there
     */
    void acquireReads(UUID tenant, int reads);
}
