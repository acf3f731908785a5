package com.bizosaas.eventbus.store.postgres.internal;

import com.bizosaas.eventbus.spi.TenantSettingsStore;
import com.bizosaas.eventbus.tenancy.EncryptionPolicy;
import com.bizosaas.eventbus.tenancy.RateLimit;
import com.bizosaas.eventbus.tenancy.WrappedDataKey;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * {@link TenantSettingsStore} on PostgreSQL: tables {@code tenant_settings} and {@code data_keys}.
 * Every instance reads all tenants' settings at once, so it works in the system scope. Thread-safe.
 */
public final class PostgresTenantSettingsStore implements TenantSettingsStore {
    private static final RowMapper<WrappedDataKey> KEY = (rs, ctx) -> new WrappedDataKey(
            rs.getObject("tenant_id", UUID.class), rs.getInt("version"), rs.getBytes("wrapped"),
            Json.instant(rs, "created_at"));

    private final Transactions transactions;

    public PostgresTenantSettingsStore(Transactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public Map<UUID, RateLimit> rateLimitOverrides() {
        return transactions.asSystem("reading rate-limit overrides", handle -> {
            Map<UUID, RateLimit> limits = new HashMap<>();
            handle.createQuery("SELECT tenant_id, rate_limit_per_second, rate_limit_burst FROM tenant_settings"
                            + " WHERE rate_limit_per_second IS NOT NULL")
                    .map((rs, ctx) -> limits.put(rs.getObject("tenant_id", UUID.class),
                            new RateLimit(rs.getInt("rate_limit_per_second"), rs.getInt("rate_limit_burst"))))
                    .list();
            return limits;
        });
    }

    @Override
    public void saveRateLimitOverride(UUID tenant, RateLimit limit) {
        transactions.asSystem("saving a rate-limit override", handle -> handle.createUpdate(
                        "INSERT INTO tenant_settings (tenant_id, rate_limit_per_second, rate_limit_burst)"
                                + " VALUES (:tenant, :perSecond, :burst) ON CONFLICT (tenant_id) DO UPDATE SET"
                                + " rate_limit_per_second = EXCLUDED.rate_limit_per_second,"
                                + " rate_limit_burst = EXCLUDED.rate_limit_burst")
                .bind("tenant", tenant)
                .bind("perSecond", limit.perSecond())
                .bind("burst", limit.burst())
                .execute());
    }

    @Override
    public Map<UUID, EncryptionPolicy> encryptionPolicies() {
        return transactions.asSystem("reading encryption policies", handle -> {
            Map<UUID, EncryptionPolicy> policies = new HashMap<>();
            handle.createQuery("SELECT tenant_id, encryption_mode, encryption_types FROM tenant_settings"
                            + " WHERE encryption_mode IS NOT NULL")
                    .map((rs, ctx) -> policies.put(rs.getObject("tenant_id", UUID.class), new EncryptionPolicy(
                            EncryptionPolicy.Mode.valueOf(rs.getString("encryption_mode")),
                            Set.copyOf(Arrays.asList((String[]) rs.getArray("encryption_types").getArray())))))
                    .list();
            return policies;
        });
    }

    @Override
    public void saveEncryptionPolicy(UUID tenant, EncryptionPolicy policy) {
        transactions.asSystem("saving an encryption policy", handle -> handle.createUpdate(
                        "INSERT INTO tenant_settings (tenant_id, encryption_mode, encryption_types)"
                                + " VALUES (:tenant, :mode, CAST(:types AS text[])) ON CONFLICT (tenant_id) DO UPDATE"
                                + " SET encryption_mode = EXCLUDED.encryption_mode,"
                                + " encryption_types = EXCLUDED.encryption_types")
                .bind("tenant", tenant)
                .bind("mode", policy.mode().name())
                .bindArray("types", String.class, policy.eventTypes().stream().sorted().toList())
                .execute());
    }

    @Override
    public List<WrappedDataKey> dataKeys(UUID tenant) {
        return transactions.asSystem("reading data keys", handle -> handle.createQuery(
                        "SELECT tenant_id, version, wrapped, created_at FROM data_keys WHERE tenant_id = :tenant"
                                + " ORDER BY version")
                .bind("tenant", tenant)
                .map(KEY)
                .list());
    }

    @Override
    public void addDataKey(WrappedDataKey key) {
        transactions.asSystem("adding a data key", handle -> handle.createUpdate(
                        "INSERT INTO data_keys (tenant_id, version, wrapped, created_at)"
                                + " VALUES (:tenant, :version, :wrapped, :createdAt)")
                .bind("tenant", key.tenantId())
                .bind("version", key.version())
                .bind("wrapped", key.wrapped())
                .bind("createdAt", Json.utc(key.createdAt()))
                .execute());
    }

    @Override
    public int deleteDataKeys(UUID tenant) {
        return transactions.asSystem("deleting data keys", handle -> handle
                .createUpdate("DELETE FROM data_keys WHERE tenant_id = :tenant")
                .bind("tenant", tenant)
                .execute());
    }

    @Override
    public Optional<WrappedDataKey> anyDataKey() {
        return transactions.asSystem("reading a data key", handle -> handle.createQuery(
                        "SELECT tenant_id, version, wrapped, created_at FROM data_keys LIMIT 1")
                .map(KEY)
                .findOne());
    }
}
