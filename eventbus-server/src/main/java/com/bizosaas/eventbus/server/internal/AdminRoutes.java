package com.bizosaas.eventbus.server.internal;

import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.tenancy.RateLimit;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Platform administration of tenants: read and override a tenant's rate limit. Only a platform
 * key (tenant {@code *}) may call these. Thread-safe.
 */
final class AdminRoutes {
    private static final List<String> RATE_LIMIT_FIELDS = List.of("per_second", "burst");

    private final EventBus bus;
    private final AccessControl access;
    private final AuditTrail audit;

    AdminRoutes(EventBus bus, AccessControl access, AuditTrail audit) {
        this.bus = bus;
        this.access = access;
        this.audit = audit;
    }

    void register(RoutesConfig routes) {
        routes.get("/admin/tenants/{tenant_id}/rate-limit", ctx -> ctx.json(rateLimit(tenant(ctx))));
        routes.put("/admin/tenants/{tenant_id}/rate-limit", this::overrideRateLimit);
    }

    private UUID tenant(Context ctx) {
        access.requirePlatform(ctx);
        return Params.pathUuid(ctx, "tenant_id", "tenant_id");
    }

    /** Body {@code {"per_second": n, "burst": m}}; burst defaults to per_second. */
    private void overrideRateLimit(Context ctx) {
        UUID tenant = tenant(ctx);
        JsonFields body = JsonFields.parse(ctx.bodyAsBytes()).allowOnly(RATE_LIMIT_FIELDS);
        int perSecond = (int) body.requiredInteger("per_second", 1, 1_000_000);
        int burst = (int) body.integer("burst", perSecond, 1, 10_000_000);
        bus.rateLimits().override(tenant, new RateLimit(perSecond, burst));
        Map<String, Object> now = rateLimit(tenant);
        audit.record(ctx, tenant, "rate_limit.changed", tenant, now);
        ctx.json(now);
    }

    /** {@code per_second} and {@code burst} null: the tenant is not limited. */
    private Map<String, Object> rateLimit(UUID tenant) {
        RateLimit limit = bus.rateLimits().limit(tenant).orElse(null);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("tenant_id", tenant);
        json.put("per_second", limit == null ? null : limit.perSecond());
        json.put("burst", limit == null ? null : limit.burst());
        json.put("source", bus.rateLimits().isOverridden(tenant) ? "override" : "default");
        return json;
    }
}
