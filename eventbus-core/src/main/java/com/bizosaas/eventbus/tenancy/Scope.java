package com.bizosaas.eventbus.tenancy;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What an API key may do: {@code publish} events, {@code subscribe} (create, change and consume
 * subscriptions, start replays), {@code read} (history, single events, streams, listings) and
 * {@code admin} (dead letters, tenant settings, keys, the audit log).
 */
public enum Scope {
    PUBLISH, SUBSCRIBE, READ, ADMIN;

    /** Every scope: what the bootstrap keys of {@code EVENTBUS_API_KEYS} and open mode hold. */
    public static final Set<Scope> ALL = Set.copyOf(EnumSet.allOf(Scope.class));

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the valid scopes */
    public static Scope fromWire(String value) {
        for (Scope scope : values()) {
            if (scope.wire().equals(value)) {
                return scope;
            }
        }
        throw new IllegalArgumentException("a scope must be one of "
                + Arrays.stream(values()).map(Scope::wire).collect(Collectors.joining(", ")) + "; got '" + value + "'");
    }
}
