package com.bizosaas.eventbus.store.postgres.internal;

import com.bizosaas.eventbus.model.Page;
import com.bizosaas.eventbus.model.WireJson;
import com.bizosaas.eventbus.spi.AuditLog;
import com.bizosaas.eventbus.tenancy.AuditEntry;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * {@link AuditLog} on PostgreSQL (table {@code audit_log}, append-only; the identity column is the
 * sequence). Platform entries have no tenant, so it works in the system scope. Thread-safe.
 */
public final class PostgresAuditLog implements AuditLog {
    private static final String COLUMNS = "sequence, time, actor_key_id, actor_name, tenant_id, action, target, details";

    private static final RowMapper<AuditEntry> MAPPER = (rs, ctx) -> new AuditEntry(
            rs.getLong("sequence"),
            Json.instant(rs, "time"),
            rs.getObject("actor_key_id", UUID.class),
            rs.getString("actor_name"),
            rs.getObject("tenant_id", UUID.class),
            rs.getString("action"),
            rs.getString("target"),
            details(rs.getString("details")));

    private final Transactions transactions;

    public PostgresAuditLog(Transactions transactions) {
        this.transactions = transactions;
    }

    private static JsonNode details(String json) {
        try {
            return WireJson.reader().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored audit details are not JSON", e);
        }
    }

    @Override
    public AuditEntry record(AuditEntry entry) {
        long sequence = transactions.asSystem("recording an audit entry", handle -> handle.createQuery("""
                        INSERT INTO audit_log (time, actor_key_id, actor_name, tenant_id, action, target, details)
                        VALUES (:time, CAST(:actor AS uuid), :actorName, CAST(:tenant AS uuid), :action, :target, CAST(:details AS jsonb))
                        RETURNING sequence""")
                .bind("time", Json.utc(Json.micros(entry.time())))
                .bind("actor", entry.actorKeyId())
                .bind("actorName", entry.actorName())
                .bind("tenant", entry.tenantId())
                .bind("action", entry.action())
                .bind("target", entry.target())
                .bind("details", Json.write(entry.details()))
                .mapTo(Long.class)
                .one());
        return entry.withSequence(sequence);
    }

    @Override
    public Page<AuditEntry> list(UUID tenant, long before, int limit) {
        List<AuditEntry> rows = transactions.asSystem("reading the audit log", handle -> handle
                .createQuery("SELECT " + COLUMNS + " FROM audit_log WHERE (:before = 0 OR sequence < :before)"
                        + " AND (CAST(:tenant AS uuid) IS NULL OR tenant_id = CAST(:tenant AS uuid))"
                        + " ORDER BY sequence DESC LIMIT :limit")
                .bind("before", before)
                .bind("tenant", tenant)
                .bind("limit", limit + 1)
                .map(MAPPER)
                .list());
        boolean more = rows.size() > limit;
        List<AuditEntry> items = more ? rows.subList(0, limit) : rows;
        return new Page<>(items, more ? items.get(limit - 1).sequence() : 0);
    }
}
