package com.bizosaas.eventbus.memory;

import com.bizosaas.eventbus.ConflictException;
import com.bizosaas.eventbus.spi.TenantSettingsStore;
import com.bizosaas.eventbus.tenancy.EncryptionPolicy;
import com.bizosaas.eventbus.tenancy.RateLimit;
import com.bizosaas.eventbus.tenancy.WrappedDataKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** The embedded {@link TenantSettingsStore}: settings and wrapped keys in this process's memory. Thread-safe. */
public final class InMemoryTenantSettingsStore implements TenantSettingsStore {
    private final Map<UUID, RateLimit> rateLimits = new ConcurrentHashMap<>();
    private final Map<UUID, EncryptionPolicy> policies = new ConcurrentHashMap<>();
    private final Map<UUID, List<WrappedDataKey>> keys = new ConcurrentHashMap<>();

    @Override
    public Map<UUID, RateLimit> rateLimitOverrides() {
        return Map.copyOf(rateLimits);
    }

    @Override
    public void saveRateLimitOverride(UUID tenant, RateLimit limit) {
        rateLimits.put(tenant, limit);
    }

    @Override
    public Map<UUID, EncryptionPolicy> encryptionPolicies() {
        return Map.copyOf(policies);
    }

    @Override
    public void saveEncryptionPolicy(UUID tenant, EncryptionPolicy policy) {
        policies.put(tenant, policy);
    }

    @Override
    public List<WrappedDataKey> dataKeys(UUID tenant) {
        List<WrappedDataKey> found = keys.get(tenant);
        return found == null ? List.of() : List.copyOf(found);
    }

    @Override
    public void addDataKey(WrappedDataKey key) {
        keys.compute(key.tenantId(), (tenant, existing) -> {
            List<WrappedDataKey> list = existing == null ? new ArrayList<>() : new ArrayList<>(existing);
            if (list.stream().anyMatch(k -> k.version() == key.version())) {
                throw new ConflictException("data_key_exists", "tenant " + tenant + " has a data key " + key.version() + " already");
            }
            list.add(key);
            list.sort(Comparator.comparingInt(WrappedDataKey::version));
            return List.copyOf(list);
        });
    }

    @Override
    public int deleteDataKeys(UUID tenant) {
        List<WrappedDataKey> removed = keys.remove(tenant);
        return removed == null ? 0 : removed.size();
    }

    @Override
    public Optional<WrappedDataKey> anyDataKey() {
        return keys.values().stream().flatMap(List::stream).findAny();
    }
}
