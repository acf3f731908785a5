package com.bizosaas.eventbus.broker.redis;

import com.bizosaas.eventbus.broker.redis.internal.RedisConnections;
import com.bizosaas.eventbus.spi.RateLimitBuckets;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.serialization.Mapper;
import io.github.bucket4j.redis.jedis.Bucket4jJedis;
import java.time.Duration;

/**
 * Tenants' token buckets kept in Redis, under {@code <stream prefix>ratelimit:<key>}, so every
 * server instance on the same Redis and namespace draws from one bucket per tenant: together they
 * admit the tenant's limit, not a multiple of it. Bucket4j updates a bucket by compare-and-swap.
 * A bucket's key expires once it would have refilled. Thread-safe; {@link #close()} closes its pool.
 */
public final class RedisRateLimitBuckets implements RateLimitBuckets {
    /** How long a full bucket's key stays after it refilled: a tenant idle that long starts full anyway. */
    private static final Duration KEEP_AFTER_REFILL = Duration.ofSeconds(10);

    private final RedisConnections connections;
    private final ProxyManager<String> buckets;
    private final String prefix;

    private RedisRateLimitBuckets(RedisConnections connections) {
        this.connections = connections;
        this.prefix = connections.config().streamPrefix() + "ratelimit:";
        this.buckets = Bucket4jJedis.casBasedBuilder(connections.pooled())
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_AFTER_REFILL))
                .keyMapper(Mapper.STRING)
                .build();
    }

    /** Opens its own connection pool to the configured Redis. */
    public static RedisRateLimitBuckets create(RedisConfig config) {
        return new RedisRateLimitBuckets(new RedisConnections(config));
    }

    @Override
    public Bucket bucket(String key, BucketConfiguration configuration) {
        return buckets.builder().build(prefix + key, () -> configuration);
    }

    @Override
    public void close() {
        connections.close();
    }
}
