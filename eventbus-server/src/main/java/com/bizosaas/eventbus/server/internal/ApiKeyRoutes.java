package com.bizosaas.eventbus.server.internal;

import com.bizosaas.eventbus.NotFoundException;
import com.bizosaas.eventbus.ValidationException;
import com.bizosaas.eventbus.model.EventIds;
import com.bizosaas.eventbus.spi.ApiKeyStore;
import com.bizosaas.eventbus.tenancy.ApiKey;
import com.bizosaas.eventbus.tenancy.ApiKeySecrets;
import com.bizosaas.eventbus.tenancy.Scope;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Managed API keys: create (the secret is in this one response, then only its hash is kept), list
 * and revoke. Platform keys with the {@code admin} scope only. Thread-safe.
 */
final class ApiKeyRoutes {
    private static final List<String> CREATE_FIELDS = List.of("name", "tenant_id", "scopes", "expires_at");
    private static final int MAX_NAME_LENGTH = 200;

    private final ApiKeyStore store;
    private final AccessControl access;
    private final AuditTrail audit;
    private final Clock clock;

    ApiKeyRoutes(ApiKeyStore store, AccessControl access, AuditTrail audit, Clock clock) {
        this.store = store;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
    }

    void register(RoutesConfig routes) {
        routes.post("/admin/api-keys", this::create);
        routes.get("/admin/api-keys", this::list);
        routes.delete("/admin/api-keys/{id}", this::revoke);
    }

    /** Body {@code {"name", "tenant_id": uuid or "*", "scopes": [...], "expires_at"?}}. */
    private void create(Context ctx) {
        access.requirePlatform(ctx);
        JsonFields body = JsonFields.parse(ctx.bodyAsBytes()).allowOnly(CREATE_FIELDS);
        String name = body.requiredText("name").strip();
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            throw new ValidationException("invalid_field", "name must hold 1 to " + MAX_NAME_LENGTH
                    + " characters", "name");
        }
        UUID tenant = tenant(body.requiredText("tenant_id"));
        Set<Scope> scopes = scopes(body.strings("scopes"));
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant expiresAt = body.instant("expires_at");
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw new ValidationException("invalid_field", "expires_at must be in the future; got " + expiresAt,
                    "expires_at");
        }
        ApiKey key = new ApiKey(EventIds.next(), name, tenant, scopes, now,
                expiresAt == null ? null : expiresAt.truncatedTo(ChronoUnit.MILLIS), null);
        String secret = ApiKeySecrets.newSecret();
        store.create(key, ApiKeySecrets.hash(secret));
        audit.record(ctx, tenant, "api_key.created", key.id(), view(key));
        Map<String, Object> json = view(key);
        json.put("key", secret);
        ctx.status(201).json(json);
    }

    private static UUID tenant(String raw) {
        return raw.equals("*") ? null : Params.uuid(raw, "tenant_id");
    }

    private static Set<Scope> scopes(List<String> raw) {
        if (raw.isEmpty()) {
            throw new ValidationException("missing_field", "scopes must list at least one of publish, subscribe,"
                    + " read, admin", "scopes");
        }
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (int i = 0; i < raw.size(); i++) {
            try {
                scopes.add(Scope.fromWire(raw.get(i)));
            } catch (IllegalArgumentException e) {
                throw new ValidationException("invalid_field", "scopes[" + i + "]: " + e.getMessage(),
                        "scopes[" + i + "]");
            }
        }
        return scopes;
    }

    /** Every key, or with {@code ?tenant_id=} (a UUID or {@code *}) one tenant's; never a secret. */
    private void list(Context ctx) {
        access.requirePlatform(ctx);
        String tenant = Params.queryText(ctx, "tenant_id");
        List<Map<String, Object>> keys = store.list(tenant == null ? null : tenant(tenant)).stream()
                .filter(k -> tenant == null || !tenant.equals("*") || k.isPlatform())
                .map(this::view)
                .toList();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("api_keys", keys);
        json.put("count", keys.size());
        ctx.json(json);
    }

    /** Idempotent: revoking a revoked key answers as the first time did, and records nothing new. */
    private void revoke(Context ctx) {
        access.requirePlatform(ctx);
        UUID id = Params.pathUuid(ctx, "id", "api_key_id");
        boolean revoked = store.revoke(id, clock.instant().truncatedTo(ChronoUnit.MILLIS));
        ApiKey key = store.find(id).orElseThrow(() -> new NotFoundException("there is no API key " + id));
        if (revoked) {
            audit.record(ctx, key.tenantId(), "api_key.revoked", key.id(), Map.of("name", key.name()));
        }
        ctx.json(view(key));
    }

    private Map<String, Object> view(ApiKey key) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", key.id());
        json.put("name", key.name());
        json.put("tenant_id", key.isPlatform() ? "*" : key.tenantId().toString());
        json.put("scopes", key.scopes().stream().map(Scope::wire).sorted().toList());
        json.put("created_at", key.createdAt());
        json.put("expires_at", key.expiresAt());
        json.put("revoked_at", key.revokedAt());
        json.put("active", key.isUsableAt(clock.instant()));
        return json;
    }
}
