package com.bizosaas.eventbus.server.internal;

import com.bizosaas.eventbus.UnauthorizedException;
import com.bizosaas.eventbus.server.ApiKeys;
import com.bizosaas.eventbus.server.Caller;
import com.bizosaas.eventbus.tenancy.ApiKey;
import com.bizosaas.eventbus.tenancy.Scope;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Authenticates API requests by key ({@code X-API-Key} or {@code Authorization: Bearer}): a
 * bootstrap key of {@code EVENTBUS_API_KEYS} or a managed key (usable: neither revoked nor
 * expired), checks the key holds the scope its route requires ({@link RouteScopes}), and decides
 * which tenants a caller may act for. Without bootstrap keys configured every caller is the
 * platform (open mode); with tenant isolation off a valid tenant key acts for every tenant too.
 * Probes, metrics, the API documentation and the console's files stay open (the console calls
 * the API with the operator's key). Thread-safe.
 */
final class AccessControl {
    private static final String CALLER_ATTRIBUTE = "eventbus.caller";
    /** {@code /stats} shows the same all-tenant counters as {@code /metrics}, so it is as open. */
    private static final Set<String> OPEN_PATHS = Set.of(
            "/health", "/health/live", "/health/ready", "/metrics", "/stats", "/docs", "/redoc", "/openapi.json",
            ConsoleRoutes.PATH);
    /** The documentation pages' scripts and styles, and the console's files. */
    private static final List<String> OPEN_PREFIXES = List.of("/webjars/", ConsoleRoutes.PATH + "/");

    private final ApiKeys keys;
    private final ManagedKeyCache managedKeys;
    private final boolean tenantIsolation;
    private final Clock clock;

    AccessControl(ApiKeys keys, ManagedKeyCache managedKeys, boolean tenantIsolation, Clock clock) {
        this.keys = keys;
        this.managedKeys = managedKeys;
        this.tenantIsolation = tenantIsolation;
        this.clock = clock;
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
        Caller caller = keys.lookup(key).orElseGet(() -> managed(key));
        Endpoint route = ctx.endpoints().matchedHttpEndpoint();
        Scope required = RouteScopes.required(route.method.name() + " " + route.path);
        if (!caller.has(required)) {
            throw new UnauthorizedException("this API key (" + caller.keyName() + ") lacks the '" + required.wire()
                    + "' scope that " + route.method.name() + " " + route.path + " requires", true);
        }
        ctx.attribute(CALLER_ATTRIBUTE, tenantIsolation ? caller : caller.forEveryTenant());
    }

    private Caller managed(String secret) {
        ApiKey key = managedKeys.lookup(secret)
                .orElseThrow(() -> new UnauthorizedException("the API key is not valid", false));
        if (key.revokedAt() != null) {
            throw new UnauthorizedException("the API key was revoked at " + key.revokedAt(), false);
        }
        if (!key.isUsableAt(clock.instant())) {
            throw new UnauthorizedException("the API key expired at " + key.expiresAt(), false);
        }
        return new Caller(key.tenantId(), key.id(), key.name(), key.scopes());
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
