package com.bizosaas.eventbus.tenancy;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;

/**
 * A tenant's data key as stored: encrypted ("wrapped") by the master key, never in clear.
 * Versions count up from 1; the highest encrypts new events. Immutable.
 */
public record WrappedDataKey(UUID tenantId, int version, byte[] wrapped, Instant createdAt) {
    public WrappedDataKey {
        if (tenantId == null || version < 1 || wrapped == null || createdAt == null) {
            throw new IllegalArgumentException("a data key needs a tenant, a version from 1, its bytes and a time");
        }
        wrapped = wrapped.clone();
    }

    @Override
    public byte[] wrapped() {
        return wrapped.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WrappedDataKey k && tenantId.equals(k.tenantId) && version == k.version
                && Arrays.equals(wrapped, k.wrapped) && createdAt.equals(k.createdAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tenantId, version, Arrays.hashCode(wrapped), createdAt);
    }

    @Override
    public String toString() {
        return "WrappedDataKey[tenant " + tenantId + ", version " + version + "]";
    }
}
