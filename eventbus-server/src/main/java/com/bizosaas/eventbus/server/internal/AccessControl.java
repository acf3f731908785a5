package com.bizosaas.eventbus.server.internal;

import com.bizosaas.eventbus.UnauthorizedException;
import com.bizosaas.eventbus.server.ApiKeys;
import com.bizosaas.eventbus.server.Caller;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Authenticates API requests by key ({@code X-API-Key} or {@code Authorization: Bearer}) and
 * decides which tenants a caller may act for. Without keys configured every caller is the
 * platform; with tenant isolation off a valid tenant key acts for every tenant too. Probes,
 * metrics, the API documentation and the console's files stay open (the console calls the API
 * with the operator's key). Thread-safe.
 */
final class AccessControl {
    private static final String CALLER_ATTRIBUTE = "eventbus.caller";
    private static final Set<String> OPEN_PATHS = Set.of(
            "/health", "/health/live", "/health/ready", "/metrics", "/docs", "/redoc", "/openapi.json",
            ConsoleRoutes.PATH);
    /** The documentation pages' scripts and styles, and the console's files. */
    private static final List<String> OPEN_PREFIXES = List.of("/webjars/", ConsoleRoutes.PATH + "/");

    private final ApiKeys keys;
    private final boolean tenantIsolation;

    AccessControl(ApiKeys keys, boolean tenantIsolation) {
        this.keys = keys;
        this.tenantIsolation = tenantIsolation;
    }

    /** Before every matched route: establishes the caller, or refuses with 401. */
    void authenticate(Context ctx) {
        if (!keys.isEnabled() || OPEN_PATHS.contains(ctx.path()) || OPEN_PREFIXES.stream().anyMatch(ctx.path()::startsWith)) {
            ctx.attribute(CALLER_ATTRIBUTE, Caller.PLATFORM);
            return;
        }
        String key = presentedKey(ctx);
        if (key == null) {
            throw new UnauthorizedException(
                    "an API key is required: send it as X-API-Key or Authorization: Bearer", false);
        }
        Caller caller = keys.lookup(key)
                .orElseThrow(() -> new UnauthorizedException("the API key is not valid", false));
        ctx.attribute(CALLER_ATTRIBUTE, tenantIsolation ? caller : Caller.PLATFORM);
    }

    Caller caller(Context ctx) {
        Caller caller = ctx.attribute(CALLER_ATTRIBUTE);
        return caller == null ? Caller.PLATFORM : caller;
    }

    /** Refuses with 403 unless the caller may act for {@code tenant}. */
    void requireTenant(Context ctx, UUID tenant) {
        Caller caller = caller(ctx);
        if (!caller.mayActFor(tenant)) {
            throw new UnauthorizedException("this API key acts for tenant " + caller.tenantId()
                    + " and may not act for tenant " + tenant, true);
        }
    }

    /** Refuses with 403 unless the caller is the platform (a {@code *} key, or no keys configured). */
    void requirePlatform(Context ctx) {
        Caller caller = caller(ctx);
        if (!caller.isPlatform()) {
            throw new UnauthorizedException("this API key acts for tenant " + caller.tenantId()
                    + "; only a platform key (tenant *) may do this", true);
        }
    }

    /**
     * True when the caller may see a resource of {@code tenant}; {@code null} (a subscription
     * across all tenants) is visible to the platform only. Hidden resources answer 404, so a
     * tenant cannot probe for another tenant's ids.
     */
    boolean canSee(Context ctx, UUID tenant) {
        Caller caller = caller(ctx);
        return caller.isPlatform() || caller.tenantId().equals(tenant);
    }

    private static String presentedKey(Context ctx) {
        String header = ctx.header("X-API-Key");
        if (header != null && !header.isBlank()) {
            return header.trim();
        }
        String authorization = ctx.header("Authorization");
        if (authorization != null && authorization.toLowerCase(Locale.ROOT).startsWith("bearer ")) {
            String token = authorization.substring("bearer ".length()).trim();
            return token.isEmpty() ? null : token;
        }
        return null;
    }
}
