package com.bizosaas.eventbus.following;

import java.time.Duration;
import java.util.Set;

/**
 * How a {@link Follower} reads: which event types (empty: all), whether events are upcast to
 * their type's latest schema version ({@code latestSchema}) or handed over as stored, and how
 * often a caught-up follower looks for events stored by other instances (those stored by this
 * one wake it at once). Immutable.
 */
public record FollowOptions(Set<String> eventTypes, boolean latestSchema, Duration pollInterval) {
    public static final FollowOptions DEFAULTS = new FollowOptions(Set.of(), false, Duration.ofMillis(200));

    public FollowOptions {
        eventTypes = eventTypes == null ? Set.of() : Set.copyOf(eventTypes);
        if (pollInterval == null || pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("pollInterval must be positive; got " + pollInterval);
        }
    }

    public FollowOptions withEventTypes(Set<String> types) {
        return new FollowOptions(types, latestSchema, pollInterval);
    }

    public FollowOptions withLatestSchema(boolean latest) {
        return new FollowOptions(eventTypes, latest, pollInterval);
    }

    public FollowOptions withPollInterval(Duration interval) {
        return new FollowOptions(eventTypes, latestSchema, interval);
    }
}
