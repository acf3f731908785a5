package com.bizosaas.eventbus.server;

import java.util.UUID;

/**
 * Whom a request acts for: one tenant, or the platform ({@code tenantId == null}), which may act
 * for every tenant. Without {@code EVENTBUS_API_KEYS} every caller is the platform. Immutable.
 */
public record Caller(UUID tenantId) {
    public static final Caller PLATFORM = new Caller(null);

    public boolean isPlatform() {
        return tenantId == null;
    }

    public boolean mayActFor(UUID tenant) {
        return tenantId == null || tenantId.equals(tenant);
    }
}
