package com.bizosaas.eventbus.server.internal;

import com.bizosaas.eventbus.model.Page;
import com.bizosaas.eventbus.spi.AuditLog;
import com.bizosaas.eventbus.tenancy.AuditEntry;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code GET /admin/audit}: the audit log, newest first, paged with {@code before}. A platform key
 * sees every entry (or one tenant's with {@code ?tenant_id=}); a tenant admin key its tenant's
 * only. Thread-safe.
 */
final class AuditRoutes {
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;

    private final AuditLog log;
    private final AccessControl access;

    AuditRoutes(AuditLog log, AccessControl access) {
        this.log = log;
        this.access = access;
    }

    void register(RoutesConfig routes) {
        routes.get("/admin/audit", this::list);
    }

    private void list(Context ctx) {
        UUID tenant = Params.queryUuid(ctx, "tenant_id");
        if (tenant != null) {
            access.requireTenant(ctx, tenant);
        } else {
            tenant = access.caller(ctx).tenantId();
        }
        Page<AuditEntry> page = log.list(tenant, Params.queryLong(ctx, "before", 0, 0, Long.MAX_VALUE),
                (int) Params.queryLong(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT));
        List<Map<String, Object>> entries = page.items().stream().map(AuditRoutes::view).toList();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("entries", entries);
        json.put("next_cursor", page.hasMore() ? page.nextCursor() : null);
        json.put("count", entries.size());
        ctx.json(json);
    }

    private static Map<String, Object> view(AuditEntry entry) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("sequence", entry.sequence());
        json.put("time", entry.time());
        json.put("actor_key_id", entry.actorKeyId());
        json.put("actor_name", entry.actorName());
        json.put("tenant_id", entry.tenantId());
        json.put("action", entry.action());
        json.put("target", entry.target());
        json.put("details", entry.details());
        return json;
    }
}
