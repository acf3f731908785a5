package com.bizosaas.eventbus.spi;

import com.bizosaas.eventbus.tenancy.ApiKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Managed API keys, found by the hash of their secret ({@code ApiKeySecrets.hash}); the secret
 * itself is never given to the store. Thread-safe. Contract: {@code ApiKeyStoreContract} in core's
 * test-jar.
 */
public interface ApiKeyStore extends AutoCloseable {

    /** Stores a new key under the hash of its secret. */
    void create(ApiKey key, byte[] secretHash);

    /** The key whose secret hashes to {@code secretHash}, revoked and expired ones included. */
    Optional<ApiKey> findByHash(byte[] secretHash);

    Optional<ApiKey> find(UUID id);

    /** The keys of one tenant, or every key when {@code tenant} is null; oldest first. */
    List<ApiKey> list(UUID tenant);

    /** Marks the key revoked at {@code at}; false when there is no such key or it was revoked already. */
    boolean revoke(UUID id, Instant at);

    @Override
    default void close() {
    }
}
