package com.bizosaas.eventbus.tenancy;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * A managed API key as stored: never its secret, only what the key may do. {@code tenantId} null
 * is a platform key (acts for every tenant). Usable while it is neither revoked nor expired.
 * Immutable.
 *
 * @param expiresAt null when it never expires
 * @param revokedAt null while it is not revoked
 */
public record ApiKey(UUID id, String name, UUID tenantId, Set<Scope> scopes, Instant createdAt, Instant expiresAt,
                     Instant revokedAt) {

    public ApiKey {
        if (id == null || name == null || name.isBlank() || createdAt == null) {
            throw new IllegalArgumentException("an API key needs an id, a name and its creation time");
        }
        if (scopes == null || scopes.isEmpty()) {
            throw new IllegalArgumentException("an API key needs at least one scope");
        }
        scopes = Set.copyOf(EnumSet.copyOf(scopes));
    }

    public boolean isPlatform() {
        return tenantId == null;
    }

    /** Neither revoked nor expired at {@code now}. */
    public boolean isUsableAt(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }

    public ApiKey revoked(Instant at) {
        return new ApiKey(id, name, tenantId, scopes, createdAt, expiresAt, at);
    }
}
