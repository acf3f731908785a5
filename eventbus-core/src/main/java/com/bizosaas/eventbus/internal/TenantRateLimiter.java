package com.bizosaas.eventbus.internal;

import com.bizosaas.eventbus.ValidationException;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.publishing.PublishStage;
import com.bizosaas.eventbus.spi.RateLimitBuckets;
import com.bizosaas.eventbus.spi.TenantSettingsStore;
import com.bizosaas.eventbus.tenancy.RateLimit;
import com.bizosaas.eventbus.tenancy.RateLimits;
import com.bizosaas.eventbus.tenancy.TenantRateLimitedException;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The rate-limit stage of the publish pipeline, and the read limit the server applies: one
 * bucket per tenant for publishing and one for reads, both sized by the tenant's {@link RateLimit}.
 * A bucket's key names its limit, so an override takes effect at once with a full new bucket,
 * on every instance sharing the buckets. Thread-safe.
 */
final class TenantRateLimiter implements RateLimits, PublishStage {
    private final RateLimit defaultLimit;
    private final RateLimitBuckets buckets;
    /** How soon an override set through another instance applies here. */
    private static final long REFRESH_NANOS = Duration.ofSeconds(2).toNanos();

    private final TenantSettingsStore settings;
    /** Null until first read. */
    private volatile Overrides overrides;

    private record Overrides(Map<UUID, RateLimit> byTenant, long loadedAt) {
    }

    /**
     * @param defaultLimit null: tenants without an override are not limited
     * @param settings     where overrides are kept, shared by every instance on the same store
     */
    TenantRateLimiter(RateLimit defaultLimit, RateLimitBuckets buckets, TenantSettingsStore settings) {
        this.defaultLimit = defaultLimit;
        this.buckets = buckets;
        this.settings = settings;
    }

    @Override
    public Optional<RateLimit> limit(UUID tenant) {
        return Optional.ofNullable(overrides().getOrDefault(tenant, defaultLimit));
    }

    @Override
    public boolean isOverridden(UUID tenant) {
        return overrides().containsKey(tenant);
    }

    @Override
    public void override(UUID tenant, RateLimit limit) {
        settings.saveRateLimitOverride(tenant, limit);
        overrides = new Overrides(settings.rateLimitOverrides(), System.nanoTime());
    }

    private Map<UUID, RateLimit> overrides() {
        Overrides current = overrides;
        long now = System.nanoTime();
        if (current == null || now - current.loadedAt() >= REFRESH_NANOS) {
            current = new Overrides(settings.rateLimitOverrides(), now);
            overrides = current;
        }
        return current.byTenant();
    }

    @Override
    public void acquireReads(UUID tenant, int reads) {
        acquire(tenant, "read", reads);
    }

    /** Takes one publish token per event, per tenant of the batch, before anything is stored. */
    @Override
    public List<Event> apply(List<Event> events) {
        Map<UUID, Integer> perTenant = new LinkedHashMap<>();
        for (Event e : events) {
            perTenant.merge(e.tenantId(), 1, Integer::sum);
        }
        perTenant.forEach((tenant, count) -> acquire(tenant, "publish", count));
        return events;
    }

    private void acquire(UUID tenant, String what, int cost) {
        RateLimit limit = limit(tenant).orElse(null);
        if (limit == null) {
            return;
        }
        if (cost > limit.burst()) {
            // Waiting would not help: the bucket never holds that many.
            throw new ValidationException("batch_over_rate_limit", "a batch of " + cost + " events is more than tenant "
                    + tenant + "'s rate-limit burst of " + limit.burst() + "; send at most " + limit.burst()
                    + " per request", "events");
        }
        String key = what + ":" + tenant + ":" + limit.perSecond() + "/" + limit.burst();
        ConsumptionProbe probe = buckets.bucket(key, limit.bucketConfiguration()).tryConsumeAndReturnRemaining(cost);
        if (!probe.isConsumed()) {
            throw new TenantRateLimitedException(tenant, what, cost, limit, probe.getRemainingTokens(),
                    Duration.ofNanos(probe.getNanosToWaitForRefill()), Duration.ofNanos(probe.getNanosToWaitForReset()));
        }
    }
}
