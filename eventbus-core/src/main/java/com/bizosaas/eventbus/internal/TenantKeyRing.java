package com.bizosaas.eventbus.internal;

import com.bizosaas.eventbus.ConflictException;
import com.bizosaas.eventbus.spi.TenantSettingsStore;
import com.bizosaas.eventbus.tenancy.MasterKey;
import com.bizosaas.eventbus.tenancy.WrappedDataKey;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.UUID;
import javax.crypto.SecretKey;

/**
 * The tenants' data keys, unwrapped with the master key and kept in memory for {@code refresh}:
 * a key rotated or shredded on another instance is seen here within that time. Creates a tenant's
 * first key when it first needs one. Thread-safe.
 */
final class TenantKeyRing {
    private final MasterKey masterKey;
    private final TenantSettingsStore store;
    private final Clock clock;
    private final long refreshNanos;
    private final LongSupplier nanoTime;
    private final Map<UUID, Keys> byTenant = new ConcurrentHashMap<>();

    /** A tenant's unwrapped keys by version; {@code current} 0 when it has none. */
    record Keys(Map<Integer, SecretKey> byVersion, int current, long loadedAt) {
    }

    TenantKeyRing(MasterKey masterKey, TenantSettingsStore store, Clock clock, Duration refresh, LongSupplier nanoTime) {
        this.masterKey = masterKey;
        this.store = store;
        this.clock = clock;
        this.refreshNanos = refresh.toNanos();
        this.nanoTime = nanoTime;
    }

    /** Refuses to start with a master key that does not unwrap what the store holds. */
    void verifyMasterKey() {
        store.anyDataKey().ifPresent(masterKey::unwrap);
    }

    Keys keys(UUID tenant) {
        Keys cached = byTenant.get(tenant);
        if (cached != null && nanoTime.getAsLong() - cached.loadedAt() < refreshNanos) {
            return cached;
        }
        return load(tenant);
    }

    /** The tenant's current key, created (version 1) if it has none yet. */
    Keys keysForWriting(UUID tenant) {
        Keys keys = keys(tenant);
        if (keys.current() > 0) {
            return keys;
        }
        return addVersion(tenant, 1);
    }

    int rotate(UUID tenant) {
        return addVersion(tenant, load(tenant).current() + 1).current();
    }

    int shred(UUID tenant) {
        int removed = store.deleteDataKeys(tenant);
        byTenant.remove(tenant);
        return removed;
    }

    private Keys addVersion(UUID tenant, int version) {
        try {
            store.addDataKey(masterKey.newDataKey(tenant, version, clock.instant()));
        } catch (ConflictException e) {
            // Another instance added this version first: use theirs.
        }
        return load(tenant);
    }

    private Keys load(UUID tenant) {
        List<WrappedDataKey> stored = store.dataKeys(tenant);
        Map<Integer, SecretKey> unwrapped = new HashMap<>();
        int current = 0;
        for (WrappedDataKey key : stored) {
            unwrapped.put(key.version(), masterKey.unwrap(key));
            current = Math.max(current, key.version());
        }
        Keys keys = new Keys(Map.copyOf(unwrapped), current, nanoTime.getAsLong());
        byTenant.put(tenant, keys);
        return keys;
    }
}
