package com.bizosaas.eventbus.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.UUID;

/**
 * How {@link EventBusClient#subscribe} consumes a pull subscription. Immutable; build with
 * {@link #builder()}, or use {@link #DEFAULTS}: every tenant, one worker, up to 10 events per
 * pull, the server's attempt limit, nack backoff from 1 s doubling to 1 min, 30 s close timeout.
 */
public final class SubscribeOptions {
    public static final SubscribeOptions DEFAULTS = builder().build();

    private final UUID tenantId;
    private final int concurrency;
    private final int maxEventsPerPull;
    private final Integer maxAttempts;
    private final Duration nackInitialDelay;
    private final Duration nackMaxDelay;
    private final Duration closeTimeout;
    private final JsonNode filter;

    private SubscribeOptions(Builder b) {
        tenantId = b.tenantId;
        concurrency = b.concurrency;
        maxEventsPerPull = b.maxEventsPerPull;
        maxAttempts = b.maxAttempts;
        nackInitialDelay = b.nackInitialDelay;
        nackMaxDelay = b.nackMaxDelay;
        closeTimeout = b.closeTimeout;
        filter = b.filter;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Only this tenant's events, or {@code null} for every tenant (platform services). A service
     * whose API key is bound to one tenant should set its tenant: the server files its
     * subscriptions under it, and subscribe looks for an existing one by service name, pattern and
     * this tenant.
     */
    public UUID tenantId() {
        return tenantId;
    }

    /** Worker threads, each long-polling and running the handler; handlers run concurrently. */
    public int concurrency() {
        return concurrency;
    }

    public int maxEventsPerPull() {
        return maxEventsPerPull;
    }

    /** Attempts before the server dead-letters an event, or {@code null} for the server's default. */
    public Integer maxAttempts() {
        return maxAttempts;
    }

    public Duration nackInitialDelay() {
        return nackInitialDelay;
    }

    public Duration nackMaxDelay() {
        return nackMaxDelay;
    }

    public Duration closeTimeout() {
        return closeTimeout;
    }

    /**
     * The subscription's content filter in the EventBridge pattern syntax, or {@code null} for
     * every event of the type; a subscription with another filter is a different subscription.
     */
    public JsonNode filter() {
        return filter;
    }

    /** Mutable builder; {@link #build()} rejects bad values naming the setting. Not thread-safe. */
    public static final class Builder {
        private UUID tenantId;
        private int concurrency = 1;
        private int maxEventsPerPull = 10;
        private Integer maxAttempts;
        private Duration nackInitialDelay = Duration.ofSeconds(1);
        private Duration nackMaxDelay = Duration.ofMinutes(1);
        private Duration closeTimeout = Duration.ofSeconds(30);
        private JsonNode filter;

        private Builder() {
        }

        public Builder tenantId(UUID tenantId) {
            this.tenantId = tenantId;
            return this;
        }

        public Builder concurrency(int concurrency) {
            this.concurrency = concurrency;
            return this;
        }

        public Builder maxEventsPerPull(int maxEventsPerPull) {
            this.maxEventsPerPull = maxEventsPerPull;
            return this;
        }

        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** Redelivery delay after the first failure; doubles per attempt up to {@code max}. */
        public Builder nackBackoff(Duration initial, Duration max) {
            this.nackInitialDelay = initial;
            this.nackMaxDelay = max;
            return this;
        }

        public Builder closeTimeout(Duration closeTimeout) {
            this.closeTimeout = closeTimeout;
            return this;
        }

        /** Only events matching {@code pattern}; the server refuses a bad pattern. */
        public Builder filter(JsonNode pattern) {
            this.filter = pattern;
            return this;
        }

        public SubscribeOptions build() {
            Settings.requireRange("concurrency", concurrency, 1, 256);
            Settings.requireRange("maxEventsPerPull", maxEventsPerPull, 1, 1000);
            if (maxAttempts != null) {
                Settings.requireRange("maxAttempts", maxAttempts, 1, 100);
            }
            Settings.requireNotNegative("nackInitialDelay", nackInitialDelay);
            Settings.requireNotNegative("nackMaxDelay", nackMaxDelay);
            if (nackMaxDelay.compareTo(nackInitialDelay) < 0) {
                throw new IllegalArgumentException("nackMaxDelay must be at least nackInitialDelay ("
                        + nackInitialDelay + "); got " + nackMaxDelay);
            }
            Settings.requirePositive("closeTimeout", closeTimeout);
            return new SubscribeOptions(this);
        }
    }
}
