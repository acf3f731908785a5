package com.bizosaas.eventbus.server.internal;

import com.bizosaas.eventbus.spi.ApiKeyStore;
import com.bizosaas.eventbus.tenancy.ApiKey;
import com.bizosaas.eventbus.tenancy.ApiKeySecrets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Looks managed keys up by the hash of the presented secret, remembering each answer (found or
 * not) for {@code refresh}: a request costs one SHA-256 and a map read, and a key revoked on any
 * instance stops working here within {@code refresh}. Expiry is judged by the caller at each
 * request, not cached. Thread-safe.
 */
final class ManagedKeyCache {
    /** Unknown secrets are remembered too (a client retrying a bad key must not hit the store each time); bounded. */
    private static final int MAX_ENTRIES = 10_000;

    private final ApiKeyStore store;
    private final long refreshNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Cached> byHash = new ConcurrentHashMap<>();

    private record Cached(Optional<ApiKey> key, long loadedAt) {
    }

    ManagedKeyCache(ApiKeyStore store, Duration refresh, LongSupplier nanoTime) {
        this.store = store;
        this.refreshNanos = refresh.toNanos();
        this.nanoTime = nanoTime;
    }

    Optional<ApiKey> lookup(String secret) {
        byte[] hash = ApiKeySecrets.hash(secret);
        String id = HexFormat.of().formatHex(hash);
        long now = nanoTime.getAsLong();
        Cached cached = byHash.get(id);
        if (cached != null && now - cached.loadedAt() < refreshNanos) {
            return cached.key();
        }
        Optional<ApiKey> key = store.findByHash(hash);
        if (byHash.size() >= MAX_ENTRIES) {
            byHash.clear();
        }
        byHash.put(id, new Cached(key, now));
        return key;
    }
}
