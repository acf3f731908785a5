package com.bizosaas.eventbus.spi;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;

/**
 * Where tenants' token buckets live: in this process ({@code InMemoryRateLimitBuckets}), or in a
 * shared store so that every instance draws from the same bucket (Redis). Thread-safe.
 */
public interface RateLimitBuckets extends AutoCloseable {

    /** The bucket under {@code key}, created with {@code configuration} if it does not exist yet. */
    Bucket bucket(String key, BucketConfiguration configuration);

    /** Releases what the store holds (connections, threads); the default holds nothing. */
    @Override
    default void close() {
    }
}
