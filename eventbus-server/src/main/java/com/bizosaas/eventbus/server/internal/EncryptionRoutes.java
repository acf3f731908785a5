package com.bizosaas.eventbus.server.internal;

import static com.bizosaas.eventbus.ValidationException.quote;

import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.ValidationException;
import com.bizosaas.eventbus.model.EventTypes;
import com.bizosaas.eventbus.tenancy.EncryptionPolicy;
import com.bizosaas.eventbus.tenancy.TenantEncryption;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A tenant's encryption: its policy, key rotation, re-encryption of stored events under the
 * current key, and crypto-shredding. Platform keys with the {@code admin} scope only; every change
 * is audited. Thread-safe.
 */
final class EncryptionRoutes {
    private static final List<String> POLICY_FIELDS = List.of("policy", "event_types");
    private static final String BASE = "/admin/tenants/{tenant_id}/encryption";

    private final TenantEncryption encryption;
    private final AccessControl access;
    private final AuditTrail audit;

    EncryptionRoutes(EventBus bus, AccessControl access, AuditTrail audit) {
        this.encryption = bus.encryption();
        this.access = access;
        this.audit = audit;
    }

    void register(RoutesConfig routes) {
        routes.get(BASE, ctx -> ctx.json(view(tenant(ctx))));
        routes.put(BASE, this::setPolicy);
        routes.post(BASE + "/rotate", this::rotate);
        routes.post(BASE + "/re-encrypt", this::reEncrypt);
        routes.delete(BASE + "/keys", this::shred);
    }

    private UUID tenant(Context ctx) {
        access.requirePlatform(ctx);
        return Params.pathUuid(ctx, "tenant_id", "tenant_id");
    }

    /** Body {@code {"policy": "off" | "all" | "types", "event_types": [...]}} (types only with {@code types}). */
    private void setPolicy(Context ctx) {
        UUID tenant = tenant(ctx);
        JsonFields body = JsonFields.parse(ctx.bodyAsBytes()).allowOnly(POLICY_FIELDS);
        String mode = body.requiredText("policy");
        List<String> types = body.strings("event_types");
        EncryptionPolicy policy = switch (mode) {
            case "off", "all" -> {
                if (!types.isEmpty()) {
                    throw new ValidationException("invalid_field", "event_types goes only with policy types",
                            "event_types");
                }
                yield mode.equals("off") ? EncryptionPolicy.OFF : EncryptionPolicy.ALL;
            }
            case "types" -> EncryptionPolicy.types(eventTypes(types));
            default -> throw new ValidationException("invalid_field",
                    "policy must be off, all or types; got " + quote(mode), "policy");
        };
        encryption.setPolicy(tenant, policy);
        Map<String, Object> now = view(tenant);
        audit.record(ctx, tenant, "encryption_policy.changed", tenant, now);
        ctx.json(now);
    }

    private static Set<String> eventTypes(List<String> types) {
        if (types.isEmpty()) {
            throw new ValidationException("missing_field", "policy types needs event_types, at least one",
                    "event_types");
        }
        for (int i = 0; i < types.size(); i++) {
            if (!EventTypes.isValid(types.get(i))) {
                throw new ValidationException("invalid_field", "event_types[" + i
                        + "] must be an event type such as lead.created; got " + quote(types.get(i)),
                        "event_types[" + i + "]");
            }
        }
        return new LinkedHashSet<>(types);
    }

    private void rotate(Context ctx) {
        UUID tenant = tenant(ctx);
        int version = encryption.rotateKey(tenant);
        audit.record(ctx, tenant, "keys.rotated", tenant, Map.of("key_version", version));
        ctx.json(view(tenant));
    }

    /** Synchronous: answers when every stored encrypted event of the tenant is under its current key. */
    private void reEncrypt(Context ctx) {
        UUID tenant = tenant(ctx);
        long count = encryption.reEncrypt(tenant);
        audit.record(ctx, tenant, "events.re_encrypted", tenant, Map.of("re_encrypted", count,
                "key_version", encryption.currentKeyVersion(tenant)));
        Map<String, Object> json = view(tenant);
        json.put("re_encrypted", count);
        ctx.json(json);
    }

    private void shred(Context ctx) {
        UUID tenant = tenant(ctx);
        int deleted = encryption.shred(tenant);
        audit.record(ctx, tenant, "keys.shredded", tenant, Map.of("keys_deleted", deleted));
        Map<String, Object> json = view(tenant);
        json.put("keys_deleted", deleted);
        ctx.json(json);
    }

    private Map<String, Object> view(UUID tenant) {
        EncryptionPolicy policy = encryption.policy(tenant);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("tenant_id", tenant);
        json.put("policy", policy.mode().name().toLowerCase(Locale.ROOT));
        json.put("event_types", policy.eventTypes().stream().sorted().toList());
        json.put("key_version", encryption.currentKeyVersion(tenant));
        json.put("encryption_available", encryption.isEnabled());
        return json;
    }
}
