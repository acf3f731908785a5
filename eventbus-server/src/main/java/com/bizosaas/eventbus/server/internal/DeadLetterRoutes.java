package com.bizosaas.eventbus.server.internal;

import static com.bizosaas.eventbus.ValidationException.quote;

import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.NotFoundException;
import com.bizosaas.eventbus.ValidationException;
import com.bizosaas.eventbus.delivery.DeadLetterQuery;
import com.bizosaas.eventbus.delivery.Delivery;
import com.bizosaas.eventbus.model.EventTypes;
import com.bizosaas.eventbus.model.Page;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Dead letters (deliveries that ran out of attempts): list, inspect, redrive (by filter, by ids,
 * or one) and discard. A tenant key is confined to its tenant's dead letters. Thread-safe.
 */
final class DeadLetterRoutes {
    private static final int DEFAULT_LIMIT = 100;
    private static final List<String> REDRIVE_FIELDS = List.of("ids", "tenant_id", "subscription_id", "event_type");

    private final EventBus bus;
    private final AccessControl access;
    private final AuditTrail audit;

    DeadLetterRoutes(EventBus bus, AccessControl access, AuditTrail audit) {
        this.bus = bus;
        this.access = access;
        this.audit = audit;
    }

    void register(RoutesConfig routes) {
        routes.get("/dead-letters", this::list);
        routes.get("/dead-letters/{id}", ctx -> ctx.json(visible(ctx)));
        routes.post("/dead-letters/redrive", this::redrive);
        routes.post("/dead-letters/{id}/redrive", this::redriveOne);
        routes.delete("/dead-letters/{id}", this::discard);
    }

    private void list(Context ctx) {
        UUID tenant = scopedTenant(ctx, Params.queryUuid(ctx, "tenant_id"));
        String eventType = Params.queryText(ctx, "event_type");
        if (eventType != null && !EventTypes.isValid(eventType)) {
            throw new ValidationException("invalid_field",
                    "event_type must be an event type such as lead.created; got " + quote(eventType), "event_type");
        }
        Page<Delivery> page = bus.deadLetters(new DeadLetterQuery(tenant, Params.queryUuid(ctx, "subscription_id"),
                eventType, Params.queryLong(ctx, "after", 0, 0, Long.MAX_VALUE),
                (int) Params.queryLong(ctx, "limit", DEFAULT_LIMIT, 1, DeadLetterQuery.MAX_LIMIT)));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("dead_letters", page.items());
        json.put("next_cursor", page.hasMore() ? page.nextCursor() : null);
        json.put("count", page.items().size());
        ctx.json(json);
    }

    /** Body {@code {"ids": [...]}} redrives those; otherwise the body is a filter (tenant_id, subscription_id, event_type). */
    private void redrive(Context ctx) {
        JsonFields body = JsonFields.parseOptional(ctx.bodyAsBytes()).allowOnly(REDRIVE_FIELDS);
        int count;
        if (body.has("ids")) {
            List<String> ids = body.strings("ids");
            // Every id is resolved before any is redriven, so one unknown id changes nothing.
            List<Delivery> letters = ids.stream()
                    .map(raw -> visible(ctx, Params.uuid(raw, "ids")))
                    .toList();
            count = letters.stream().mapToInt(d -> bus.redrive(only(d))).sum();
            letters.stream().map(Delivery::tenantId).distinct().forEach(tenant -> audit.record(ctx, tenant,
                    "dead_letters.redriven", null, Map.of("ids", letters.stream().filter(d -> tenant.equals(d.tenantId()))
                            .map(Delivery::id).toList())));
        } else {
            UUID tenant = scopedTenant(ctx, body.uuid("tenant_id"));
            UUID subscription = body.uuid("subscription_id");
            String eventType = body.text("event_type");
            count = bus.redrive(new DeadLetterQuery(tenant, subscription, eventType, 0, DeadLetterQuery.MAX_LIMIT));
            Map<String, Object> filter = new LinkedHashMap<>();
            filter.put("subscription_id", subscription);
            filter.put("event_type", eventType);
            filter.put("redriven", count);
            audit.record(ctx, tenant, "dead_letters.redriven", subscription, filter);
        }
        ctx.json(Map.of("redriven", count));
    }

    private void redriveOne(Context ctx) {
        Delivery letter = visible(ctx);
        int count = bus.redrive(only(letter));
        audit.record(ctx, letter.tenantId(), "dead_letters.redriven", letter.id(), Map.of("redriven", count));
        ctx.json(Map.of("redriven", count));
    }

    private void discard(Context ctx) {
        Delivery letter = visible(ctx);
        int count = bus.discard(only(letter));
        audit.record(ctx, letter.tenantId(), "dead_letters.discarded", letter.id(), Map.of("discarded", count));
        ctx.json(Map.of("discarded", count));
    }

    /**
     * A query that selects exactly {@code letter}: its own subscription, tenant and type, starting
     * just before its sequence number, limited to one.
     */
    private static DeadLetterQuery only(Delivery letter) {
        return new DeadLetterQuery(letter.tenantId(), letter.subscriptionId(), letter.eventType(), letter.seq() - 1, 1);
    }

    /** The tenant a listing is confined to: a tenant key's own, checked against what was asked for. */
    private UUID scopedTenant(Context ctx, UUID requested) {
        if (requested != null) {
            access.requireTenant(ctx, requested);
            return requested;
        }
        return access.caller(ctx).tenantId();
    }

    private Delivery visible(Context ctx) {
        return visible(ctx, Params.pathUuid(ctx, "id", "dead_letter_id"));
    }

    private Delivery visible(Context ctx, UUID id) {
        Delivery letter = bus.deadLetter(id);
        if (!access.canSee(ctx, letter.tenantId())) {
            throw new NotFoundException("no dead letter with id " + id);
        }
        return letter;
    }
}
