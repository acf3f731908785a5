package com.bizosaas.eventbus.spi;

import com.bizosaas.eventbus.tenancy.EncryptionPolicy;
import com.bizosaas.eventbus.tenancy.RateLimit;
import com.bizosaas.eventbus.tenancy.WrappedDataKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What the platform sets per tenant, shared by every instance on the same store: rate-limit
 * overrides, encryption policies and the wrapped data keys. Small enough to read whole.
 * Thread-safe. Contract: {@code TenantSettingsStoreContract} in core's test-jar.
 */
public interface TenantSettingsStore extends AutoCloseable {

    Map<UUID, RateLimit> rateLimitOverrides();

    void saveRateLimitOverride(UUID tenant, RateLimit limit);

    Map<UUID, EncryptionPolicy> encryptionPolicies();

    void saveEncryptionPolicy(UUID tenant, EncryptionPolicy policy);

    /** The tenant's data keys, lowest version first. */
    List<WrappedDataKey> dataKeys(UUID tenant);

    /**
     * Stores a new data key.
     *
     * @throws com.bizosaas.eventbus.ConflictException when the tenant has a key of that version already
     */
    void addDataKey(WrappedDataKey key);

    /** Deletes every data key of the tenant; returns how many there were. */
    int deleteDataKeys(UUID tenant);

    /** Some stored data key of any tenant: enough to tell at start whether the master key is the right one. */
    Optional<WrappedDataKey> anyDataKey();

    @Override
    default void close() {
    }
}
