package com.bizosaas.eventbus.store.postgres.internal;

import com.bizosaas.eventbus.spi.ApiKeyStore;
import com.bizosaas.eventbus.tenancy.ApiKey;
import com.bizosaas.eventbus.tenancy.Scope;
import java.sql.Array;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * {@link ApiKeyStore} on PostgreSQL (table {@code api_keys}, only the secret's hash). Keys are
 * found before the caller's tenant is known, so it works in the system scope. Thread-safe.
 */
public final class PostgresApiKeyStore implements ApiKeyStore {
    private static final String COLUMNS = "id, name, tenant_id, scopes, created_at, expires_at, revoked_at";

    private static final RowMapper<ApiKey> MAPPER = (rs, ctx) -> new ApiKey(
            rs.getObject("id", UUID.class),
            rs.getString("name"),
            rs.getObject("tenant_id", UUID.class),
            scopes(rs.getArray("scopes")),
            Json.instant(rs, "created_at"),
            Json.instant(rs, "expires_at"),
            Json.instant(rs, "revoked_at"));

    private final Transactions transactions;

    public PostgresApiKeyStore(Transactions transactions) {
        this.transactions = transactions;
    }

    private static Set<Scope> scopes(Array array) throws SQLException {
        return Arrays.stream((String[]) array.getArray()).map(Scope::fromWire).collect(Collectors.toSet());
    }

    @Override
    public void create(ApiKey key, byte[] secretHash) {
        transactions.asSystem("creating an API key", handle -> handle.createUpdate("""
                        INSERT INTO api_keys (id, secret_hash, name, tenant_id, scopes, created_at, expires_at, revoked_at)
                        VALUES (:id, :hash, :name, CAST(:tenant AS uuid), CAST(:scopes AS text[]),
                                :createdAt, :expiresAt, :revokedAt)""")
                .bind("id", key.id())
                .bind("hash", secretHash)
                .bind("name", key.name())
                .bind("tenant", key.tenantId())
                .bindArray("scopes", String.class, key.scopes().stream().map(Scope::wire).sorted().toList())
                .bind("createdAt", Json.utc(key.createdAt()))
                .bind("expiresAt", Json.utc(key.expiresAt()))
                .bind("revokedAt", Json.utc(key.revokedAt()))
                .execute());
    }

    @Override
    public Optional<ApiKey> findByHash(byte[] secretHash) {
        return transactions.asSystem("looking up an API key", handle -> handle
                .createQuery("SELECT " + COLUMNS + " FROM api_keys WHERE secret_hash = :hash")
                .bind("hash", secretHash)
                .map(MAPPER)
                .findOne());
    }

    @Override
    public Optional<ApiKey> find(UUID id) {
        return transactions.asSystem("reading an API key", handle -> handle
                .createQuery("SELECT " + COLUMNS + " FROM api_keys WHERE id = :id")
                .bind("id", id)
                .map(MAPPER)
                .findOne());
    }

    @Override
    public List<ApiKey> list(UUID tenant) {
        return transactions.asSystem("listing API keys", handle -> handle
                .createQuery("SELECT " + COLUMNS + " FROM api_keys"
                        + " WHERE CAST(:tenant AS uuid) IS NULL OR tenant_id = CAST(:tenant AS uuid)"
                        + " ORDER BY created_at, name")
                .bind("tenant", tenant)
                .map(MAPPER)
                .list());
    }

    @Override
    public boolean revoke(UUID id, Instant at) {
        return transactions.asSystem("revoking an API key", handle -> handle
                .createUpdate("UPDATE api_keys SET revoked_at = :at WHERE id = :id AND revoked_at IS NULL")
                .bind("id", id)
                .bind("at", Json.utc(at))
                .execute()) == 1;
    }
}
