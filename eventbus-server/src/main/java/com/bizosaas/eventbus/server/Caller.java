package com.bizosaas.eventbus.server;

import com.bizosaas.eventbus.tenancy.Scope;
import java.util.Set;
import java.util.UUID;

/**
 * Whom a request acts for and what it may do: one tenant, or the platform ({@code tenantId ==
 * null}), which may act for every tenant; the key's scopes; and the key's id and name, which the
 * audit log records. Without {@code EVENTBUS_API_KEYS} every caller is {@link #PLATFORM}. Immutable.
 *
 * @param keyId   the managed key's id; for a bootstrap key of {@code EVENTBUS_API_KEYS} an id
 *                derived from its hash, stable across instances; null in open mode
 * @param keyName the managed key's name, {@code EVENTBUS_API_KEYS entry N} or {@code open mode}
 */
public record Caller(UUID tenantId, UUID keyId, String keyName, Set<Scope> scopes) {
    /** Open mode: any caller, every tenant, every scope. */
    public static final Caller PLATFORM = new Caller(null, null, "open mode", Scope.ALL);

    public Caller {
        scopes = Set.copyOf(scopes);
    }

    public boolean isPlatform() {
        return tenantId == null;
    }

    public boolean mayActFor(UUID tenant) {
        return tenantId == null || tenantId.equals(tenant);
    }

    public boolean has(Scope scope) {
        return scopes.contains(scope);
    }

    /** The same key acting for every tenant (tenant isolation turned off). */
    public Caller forEveryTenant() {
        return new Caller(null, keyId, keyName, scopes);
    }
}
