package com.bizosaas.eventbus.tenancy;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import java.time.Duration;

/**
 * A tenant's token bucket: {@code perSecond} tokens refill each second, up to {@code burst} held
 * at once. One event published or one read costs a token. Immutable.
 */
public record RateLimit(int perSecond, int burst) {

    public RateLimit {
        if (perSecond < 1) {
            throw new IllegalArgumentException("per_second must be at least 1; got " + perSecond);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be at least 1; got " + burst);
        }
    }

    /** The Bucket4j form: refilled greedily, so tokens trickle back through the second instead of all at its end. */
    public BucketConfiguration bucketConfiguration() {
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(burst).refillGreedy(perSecond, Duration.ofSeconds(1)).build())
                .build();
    }
}
