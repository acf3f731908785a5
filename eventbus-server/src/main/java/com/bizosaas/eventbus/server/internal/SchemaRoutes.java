package com.bizosaas.eventbus.server.internal;

import static com.bizosaas.eventbus.ValidationException.quote;

import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.NotFoundException;
import com.bizosaas.eventbus.ValidationException;
import com.bizosaas.eventbus.model.EventTypes;
import com.bizosaas.eventbus.schema.Compatibility;
import com.bizosaas.eventbus.schema.RegisteredSchema;
import com.bizosaas.eventbus.schema.SchemaRegistry;
import com.bizosaas.eventbus.server.Caller;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The schema registry: register, list and read versions of an event type's JSON Schema, and set
 * its compatibility. A scope is a tenant ({@code tenant_id}) or, without one, every tenant
 * (global). A tenant key reads its own and the global schemas and registers only its own; only a
 * platform key registers global ones. Thread-safe.
 */
final class SchemaRoutes {
    private static final List<String> REGISTER_FIELDS = List.of("schema", "tenant_id", "upcast");
    private static final List<String> COMPATIBILITY_FIELDS = List.of("compatibility", "tenant_id");

    private final SchemaRegistry registry;
    private final AccessControl access;

    SchemaRoutes(EventBus bus, AccessControl access) {
        this.registry = bus.schemas();
        this.access = access;
    }

    void register(RoutesConfig routes) {
        routes.get("/schemas", this::list);
        routes.post("/schemas/{event_type}/versions", this::registerVersion);
        routes.get("/schemas/{event_type}/versions", this::versions);
        routes.get("/schemas/{event_type}/versions/{version}", this::version);
        routes.get("/schemas/{event_type}/compatibility", this::compatibility);
        routes.put("/schemas/{event_type}/compatibility", this::setCompatibility);
    }

    /** Body {@code {"schema": {...}, "tenant_id": optional, "upcast": optional steps}}; 201 with the version. */
    private void registerVersion(Context ctx) {
        String type = eventType(ctx);
        JsonFields body = JsonFields.parse(ctx.bodyAsBytes()).allowOnly(REGISTER_FIELDS);
        UUID scope = writableScope(ctx, body.uuid("tenant_id"));
        var schema = body.object("schema");
        if (schema == null) {
            throw new ValidationException("missing_field", "schema is required (a JSON Schema object)", "schema");
        }
        RegisteredSchema registered = registry.register(scope, type, schema, body.arrayNode("upcast"));
        ctx.status(201).json(registered);
    }

    /** {@code ?tenant_id=}: that tenant's and the global schemas; a tenant key defaults to its own tenant. */
    private void list(Context ctx) {
        UUID tenant = readableScope(ctx, Params.queryUuid(ctx, "tenant_id"), true);
        List<RegisteredSchema> schemas = registry.list(tenant);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("schemas", schemas);
        json.put("count", schemas.size());
        ctx.json(json);
    }

    private void versions(Context ctx) {
        String type = eventType(ctx);
        UUID scope = readableScope(ctx, Params.queryUuid(ctx, "tenant_id"), false);
        List<RegisteredSchema> versions = registry.versions(scope, type);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("event_type", type);
        json.put("tenant_id", scope);
        json.put("compatibility", registry.compatibility(scope, type).wire());
        json.put("versions", versions);
        json.put("count", versions.size());
        ctx.json(json);
    }

    private void version(Context ctx) {
        String type = eventType(ctx);
        int version = (int) Params.pathLong(ctx, "version", 1, Integer.MAX_VALUE);
        UUID scope = readableScope(ctx, Params.queryUuid(ctx, "tenant_id"), false);
        ctx.json(registry.find(scope, type, version).orElseThrow(() -> new NotFoundException(
                (scope == null ? "the global scope" : "tenant " + scope) + " has no version " + version + " of "
                        + type)));
    }

    private void compatibility(Context ctx) {
        String type = eventType(ctx);
        UUID scope = readableScope(ctx, Params.queryUuid(ctx, "tenant_id"), false);
        ctx.json(compatibilityJson(type, scope));
    }

    /** Body {@code {"compatibility": "BACKWARD|FORWARD|FULL|NONE", "tenant_id": optional}}. */
    private void setCompatibility(Context ctx) {
        String type = eventType(ctx);
        JsonFields body = JsonFields.parse(ctx.bodyAsBytes()).allowOnly(COMPATIBILITY_FIELDS);
        Compatibility compatibility = Compatibility.fromWire(body.requiredText("compatibility"), "compatibility");
        UUID scope = writableScope(ctx, body.uuid("tenant_id"));
        registry.setCompatibility(scope, type, compatibility);
        ctx.json(compatibilityJson(type, scope));
    }

    private Map<String, Object> compatibilityJson(String type, UUID scope) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("event_type", type);
        json.put("tenant_id", scope);
        json.put("compatibility", registry.compatibility(scope, type).wire());
        return json;
    }

    private static String eventType(Context ctx) {
        String type = ctx.pathParam("event_type");
        if (!EventTypes.isValid(type)) {
            throw new ValidationException("invalid_field", "event_type must be lower-case dotted words such as "
                    + "lead.created; got " + quote(type), "event_type");
        }
        return type;
    }

    /** Global (null) needs a platform key; a tenant needs a key that may act for it. */
    private UUID writableScope(Context ctx, UUID tenant) {
        if (tenant == null) {
            access.requirePlatform(ctx);
        } else {
            access.requireTenant(ctx, tenant);
        }
        return tenant;
    }

    /**
     * Anyone may read the global scope; a tenant's needs a key that may act for it. With
     * {@code callerByDefault}, a tenant key that names no tenant reads as its own tenant.
     */
    private UUID readableScope(Context ctx, UUID tenant, boolean callerByDefault) {
        Caller caller = access.caller(ctx);
        if (tenant == null) {
            return callerByDefault ? caller.tenantId() : null;
        }
        access.requireTenant(ctx, tenant);
        return tenant;
    }
}
