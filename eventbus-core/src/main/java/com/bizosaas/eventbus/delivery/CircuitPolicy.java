package com.bizosaas.eventbus.delivery;

import java.time.Duration;

/**
 * When a webhook subscription's circuit opens and what follows: after {@code failureThreshold}
 * consecutive failed deliveries its deliveries pause for {@code coolDown}, then one probe is sent;
 * a subscription whose endpoint has been failing for longer than {@code disableAfter} is disabled.
 * Immutable; the constructor refuses bad values naming them.
 */
public record CircuitPolicy(int failureThreshold, Duration coolDown, Duration disableAfter) {
    public static final CircuitPolicy DEFAULTS = new CircuitPolicy(5, Duration.ofSeconds(30), Duration.ofDays(5));

    public CircuitPolicy {
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("failureThreshold must be at least 1; got " + failureThreshold);
        }
        if (coolDown == null || coolDown.isNegative() || coolDown.isZero()) {
            throw new IllegalArgumentException("coolDown must be positive; got " + coolDown);
        }
        if (disableAfter == null || disableAfter.isNegative() || disableAfter.isZero()) {
            throw new IllegalArgumentException("disableAfter must be positive; got " + disableAfter);
        }
    }
}
