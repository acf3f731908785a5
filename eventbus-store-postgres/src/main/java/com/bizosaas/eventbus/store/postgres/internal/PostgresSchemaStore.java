package com.bizosaas.eventbus.store.postgres.internal;

import com.bizosaas.eventbus.schema.Compatibility;
import com.bizosaas.eventbus.schema.RegisteredSchema;
import com.bizosaas.eventbus.spi.SchemaStore;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * {@link SchemaStore} on PostgreSQL ({@code event_schemas}, {@code schema_compatibility}). Works
 * in the system scope: the registry reads a tenant's versions beside the global ones. Thread-safe.
 */
public final class PostgresSchemaStore implements SchemaStore {
    private static final String COLUMNS = "tenant_id, event_type, version, schema, upcast, created_at";
    private static final String GLOBAL = "00000000-0000-0000-0000-000000000000";

    private static final RowMapper<RegisteredSchema> MAPPER = (rs, ctx) -> new RegisteredSchema(
            rs.getObject("tenant_id", UUID.class),
            rs.getString("event_type"),
            rs.getInt("version"),
            Json.read(rs.getString("schema"), new TypeReference<ObjectNode>() { }),
            Json.read(rs.getString("upcast"), new TypeReference<ArrayNode>() { }),
            Json.instant(rs, "created_at"));

    private final Transactions transactions;
    private final Runnable onClose;

    /** @param onClose releases this store's share of the database; may run more than once */
    public PostgresSchemaStore(Transactions transactions, Runnable onClose) {
        this.transactions = transactions;
        this.onClose = onClose;
    }

    @Override
    public boolean insert(RegisteredSchema s) {
        return transactions.asSystem("registering a schema", handle -> handle.createUpdate("""
                        INSERT INTO event_schemas (""" + COLUMNS + """
                        ) VALUES (CAST(:tenant AS uuid), :type, :version, CAST(:schema AS jsonb),
                                  CAST(:upcast AS jsonb), :createdAt)
                        ON CONFLICT (scope, event_type, version) DO NOTHING""")
                .bind("tenant", s.tenantId())
                .bind("type", s.eventType())
                .bind("version", s.version())
                .bind("schema", Json.write(s.schema()))
                .bind("upcast", Json.write(s.upcast()))
                .bind("createdAt", Json.utc(Json.micros(s.createdAt())))
                .execute()) == 1;
    }

    @Override
    public List<RegisteredSchema> versions(UUID scope, String eventType) {
        return transactions.asSystem("reading schema versions", handle -> handle.createQuery(
                        "SELECT " + COLUMNS + " FROM event_schemas WHERE scope = CAST(:scope AS uuid)"
                                + " AND event_type = :type ORDER BY version")
                .bind("scope", scopeOf(scope))
                .bind("type", eventType)
                .map(MAPPER)
                .list());
    }

    @Override
    public List<RegisteredSchema> list(UUID scope) {
        return transactions.asSystem("listing schemas", handle -> handle.createQuery(
                        "SELECT " + COLUMNS + " FROM event_schemas WHERE scope = CAST(:scope AS uuid)"
                                + " ORDER BY event_type, version")
                .bind("scope", scopeOf(scope))
                .map(MAPPER)
                .list());
    }

    @Override
    public Optional<Compatibility> compatibility(UUID scope, String eventType) {
        return transactions.asSystem("reading a compatibility setting", handle -> handle.createQuery(
                        "SELECT compatibility FROM schema_compatibility WHERE scope = CAST(:scope AS uuid)"
                                + " AND event_type = :type")
                .bind("scope", scopeOf(scope))
                .bind("type", eventType)
                .mapTo(String.class)
                .findOne()
                .map(Compatibility::valueOf));
    }

    @Override
    public void setCompatibility(UUID scope, String eventType, Compatibility compatibility) {
        transactions.asSystem("setting a compatibility", handle -> handle.createUpdate("""
                        INSERT INTO schema_compatibility (tenant_id, event_type, compatibility)
                        VALUES (CAST(:tenant AS uuid), :type, :compatibility)
                        ON CONFLICT (scope, event_type) DO UPDATE SET compatibility = EXCLUDED.compatibility""")
                .bind("tenant", scope)
                .bind("type", eventType)
                .bind("compatibility", compatibility.name())
                .execute());
    }

    private static String scopeOf(UUID scope) {
        return scope == null ? GLOBAL : scope.toString();
    }

    @Override
    public void close() {
        onClose.run();
    }
}
