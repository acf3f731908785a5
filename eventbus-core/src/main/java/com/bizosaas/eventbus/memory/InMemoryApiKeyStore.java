package com.bizosaas.eventbus.memory;

import com.bizosaas.eventbus.spi.ApiKeyStore;
import com.bizosaas.eventbus.tenancy.ApiKey;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** The embedded {@link ApiKeyStore}: keys in this process's memory, lost on exit. Thread-safe. */
public final class InMemoryApiKeyStore implements ApiKeyStore {
    private final Map<UUID, ApiKey> byId = new ConcurrentHashMap<>();
    private final Map<String, UUID> idByHash = new ConcurrentHashMap<>();

    @Override
    public void create(ApiKey key, byte[] secretHash) {
        if (idByHash.putIfAbsent(HexFormat.of().formatHex(secretHash), key.id()) != null) {
            throw new IllegalStateException("a key with this secret exists already");
        }
        byId.put(key.id(), key);
    }

    @Override
    public Optional<ApiKey> findByHash(byte[] secretHash) {
        UUID id = idByHash.get(HexFormat.of().formatHex(secretHash));
        return id == null ? Optional.empty() : find(id);
    }

    @Override
    public Optional<ApiKey> find(UUID id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public List<ApiKey> list(UUID tenant) {
        return byId.values().stream()
                .filter(k -> tenant == null || Objects.equals(k.tenantId(), tenant))
                .sorted(Comparator.comparing(ApiKey::createdAt).thenComparing(ApiKey::name))
                .toList();
    }

    @Override
    public boolean revoke(UUID id, Instant at) {
        boolean[] revoked = {false};
        byId.computeIfPresent(id, (k, key) -> {
            if (key.revokedAt() != null) {
                return key;
            }
            revoked[0] = true;
            return key.revoked(at);
        });
        return revoked[0];
    }
}
