package com.bizosaas.eventbus.server.internal;

import static com.bizosaas.eventbus.ValidationException.quote;

import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.IdempotencyKeyReusedException;
import com.bizosaas.eventbus.NotFoundException;
import com.bizosaas.eventbus.SyncPublishResult;
import com.bizosaas.eventbus.ValidationException;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.EventQuery;
import com.bizosaas.eventbus.model.EventTypes;
import com.bizosaas.eventbus.model.Page;
import com.bizosaas.eventbus.model.Priority;
import com.bizosaas.eventbus.model.PublishReceipt;
import com.bizosaas.eventbus.model.SortOrder;
import com.bizosaas.eventbus.schema.SchemaValidationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Publishing (single, batch, synchronous), history and single-event reads, in the seed's JSON
 * shape. Translates HTTP to {@link EventBus} calls and back; nothing more. Thread-safe.
 */
final class EventRoutes {
    static final int MAX_BATCH = 1000;
    private static final long DEFAULT_SYNC_TIMEOUT_MS = 10_000;
    private static final long MAX_SYNC_TIMEOUT_MS = 60_000;
    /** What one event may carry, alone or in a batch. */
    private static final List<String> EVENT_FIELDS = List.of("event_id", "event_type", "tenant_id", "source_service",
            "priority", "version", "subject", "correlation_id", "causation_id", "target_services", "data", "metadata",
            "idempotency_key", "deliver_at", "delay_ms");
    /** How far ahead an event may be scheduled. */
    static final Duration MAX_SCHEDULE_AHEAD = Duration.ofDays(366);
    private static final List<String> SINGLE_FIELDS = concat(EVENT_FIELDS, "sync", "timeout_ms");
    private static final List<String> BATCH_FIELDS = List.of("events", "sync");
    private static final List<String> HISTORY_FIELDS = List.of("tenant_id", "event_types", "from_time", "to_time",
            "subject", "after", "limit", "order", "schema_version");

    private final EventBus bus;
    private final AccessControl access;
    private final SchemaVersions versions;

    EventRoutes(EventBus bus, AccessControl access) {
        this.bus = bus;
        this.access = access;
        this.versions = new SchemaVersions(bus.schemas());
    }

    void register(RoutesConfig routes) {
        routes.post("/events/publish", this::publish);
        routes.post("/events/history", this::history);
        routes.get("/events/{tenant_id}/{event_id}", this::event);
        routes.delete("/events/{tenant_id}/{event_id}/schedule", this::cancelSchedule);
    }

    private void publish(Context ctx) {
        JsonFields body = JsonFields.parse(ctx.bodyAsBytes());
        if (body.has("events")) {
            publishBatch(ctx, body.allowOnly(BATCH_FIELDS));
            return;
        }
        body.allowOnly(SINGLE_FIELDS);
        Event event = toEvent(body, ctx.header("Idempotency-Key"));
        access.requireTenant(ctx, event.tenantId());
        boolean sync = body.bool("sync", false) || Params.queryBool(ctx, "wait");
        if (sync && event.deliverAt() != null) {
            throw new ValidationException("invalid_field", "sync publishing cannot wait for a scheduled event; "
                    + "leave out sync or deliver_at/delay_ms", "sync");
        }
        if (!sync) {
            PublishReceipt receipt = bus.publish(event);
            ctx.status(receipt.duplicate() ? 200 : 201).json(receiptJson(receipt));
            return;
        }
        long timeoutMs = body.has("timeout_ms")
                ? body.integer("timeout_ms", DEFAULT_SYNC_TIMEOUT_MS, 1, MAX_SYNC_TIMEOUT_MS)
                : Params.queryLong(ctx, "timeout_ms", DEFAULT_SYNC_TIMEOUT_MS, 1, MAX_SYNC_TIMEOUT_MS);
        SyncPublishResult result = bus.publishAndWait(event, Duration.ofMillis(timeoutMs));
        Map<String, Object> json = receiptJson(result.receipt());
        json.put("complete", result.complete());
        json.put("outcomes", result.outcomes());
        ctx.status(result.receipt().duplicate() ? 200 : 201).json(json);
    }

    /** All or nothing: every event is validated and authorized before any is stored. */
    private void publishBatch(Context ctx, JsonFields body) {
        if (body.bool("sync", false) || Params.queryBool(ctx, "wait")) {
            throw new ValidationException("invalid_field", "sync publishing takes one event, not a batch", "sync");
        }
        if (ctx.header("Idempotency-Key") != null) {
            throw new ValidationException("invalid_field",
                    "the Idempotency-Key header applies to one event; give each batch event its own idempotency_key",
                    "idempotency_key");
        }
        List<JsonFields> items = body.objects("events");
        if (items.isEmpty() || items.size() > MAX_BATCH) {
            throw new ValidationException("invalid_field",
                    "events must hold between 1 and " + MAX_BATCH + " events; got " + items.size(), "events");
        }
        List<Event> events = new ArrayList<>(items.size());
        for (JsonFields item : items) {
            Event event = toEvent(item.allowOnly(EVENT_FIELDS), null);
            access.requireTenant(ctx, event.tenantId());
            events.add(event);
        }
        List<PublishReceipt> receipts;
        try {
            receipts = bus.publishAll(events);
        } catch (IdempotencyKeyReusedException e) {
            throw new IdempotencyKeyReusedException(e.getMessage(), "events[" + e.index() + "]." + e.field(),
                    e.index());
        } catch (SchemaValidationException e) {
            throw new SchemaValidationException("events[" + e.index() + "]: " + e.getMessage(),
                    "events[" + e.index() + "]." + e.field(), e.index());
        }
        boolean anyNew = receipts.stream().anyMatch(r -> !r.duplicate());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("success", true);
        json.put("events", receipts.stream().map(EventRoutes::receiptJson).toList());
        ctx.status(anyNew ? 201 : 200).json(json);
    }

    private static Event toEvent(JsonFields f, String idempotencyHeader) {
        String idempotencyKey = f.text("idempotency_key");
        if (idempotencyHeader != null && idempotencyKey != null && !idempotencyHeader.equals(idempotencyKey)) {
            throw new ValidationException("invalid_field",
                    "the Idempotency-Key header and idempotency_key differ", f.path("idempotency_key"));
        }
        UUID id = f.uuid("event_id");
        String type = f.requiredText("event_type");
        UUID tenant = f.requiredUuid("tenant_id");
        String source = f.text("source_service");
        String priority = f.text("priority");
        int version = (int) f.integer("version", 1, 1, Integer.MAX_VALUE);
        String subject = f.text("subject");
        String correlationId = f.text("correlation_id");
        String causationId = f.text("causation_id");
        List<String> targets = f.strings("target_services");
        ObjectNode data = f.object("data");
        Map<String, String> metadata = f.stringMap("metadata");
        Instant deliverAt = deliverAt(f);
        try {
            return Event.builder()
                    .id(id)
                    .type(type)
                    .tenant(tenant)
                    .source(source)
                    .priority(priority == null ? Priority.NORMAL : Priority.fromWire(priority))
                    .version(version)
                    .subject(subject)
                    .correlationId(correlationId)
                    .causationId(causationId)
                    .targetServices(targets)
                    .data(data)
                    .metadata(metadata)
                    .idempotencyKey(idempotencyKey != null ? idempotencyKey : idempotencyHeader)
                    .deliverAt(deliverAt)
                    .build();
        } catch (ValidationException e) {
            throw f.relabel(e);
        }
    }

    /** {@code deliver_at} or {@code delay_ms} (from now), at most {@link #MAX_SCHEDULE_AHEAD} ahead; null for neither. */
    private static Instant deliverAt(JsonFields f) {
        if (f.has("delay_ms")) {
            if (f.has("deliver_at")) {
                throw new ValidationException("invalid_field", "give deliver_at or delay_ms, not both",
                        f.path("delay_ms"));
            }
            return Instant.now().plusMillis(f.integer("delay_ms", 0, 0, MAX_SCHEDULE_AHEAD.toMillis()));
        }
        Instant deliverAt = f.instant("deliver_at");
        if (deliverAt != null && deliverAt.isAfter(Instant.now().plus(MAX_SCHEDULE_AHEAD))) {
            throw new ValidationException("invalid_field", f.path("deliver_at") + " must be at most "
                    + MAX_SCHEDULE_AHEAD.toDays() + " days ahead; got " + deliverAt, f.path("deliver_at"));
        }
        return deliverAt;
    }

    private static List<String> concat(List<String> fields, String... more) {
        List<String> all = new ArrayList<>(fields);
        all.addAll(List.of(more));
        return List.copyOf(all);
    }

    private static Map<String, Object> receiptJson(PublishReceipt receipt) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("success", true);
        json.put("event_id", receipt.eventId());
        json.put("position", receipt.position());
        json.put("duplicate", receipt.duplicate());
        json.put("timestamp", receipt.time());
        return json;
    }

    private void history(Context ctx) {
        JsonFields body = JsonFields.parse(ctx.bodyAsBytes()).allowOnly(HISTORY_FIELDS);
        UUID tenant = body.requiredUuid("tenant_id");
        access.requireTenant(ctx, tenant);
        List<String> types = body.strings("event_types");
        for (int i = 0; i < types.size(); i++) {
            if (!EventTypes.isValid(types.get(i))) {
                throw new ValidationException("invalid_field", "event_types[" + i
                        + "] must be an event type such as lead.created; got " + quote(types.get(i)),
                        "event_types[" + i + "]");
            }
        }
        Set<String> typeSet = new LinkedHashSet<>(types);
        EventQuery query = EventQuery.forTenant(tenant)
                .types(typeSet)
                .from(body.instant("from_time"))
                .to(body.instant("to_time"))
                .subject(body.text("subject"))
                .after(body.integer("after", 0, 0, Long.MAX_VALUE))
                .limit((int) body.integer("limit", EventQuery.DEFAULT_LIMIT, 1, EventQuery.MAX_LIMIT))
                .order(order(body))
                .build();
        boolean latest = SchemaVersions.isLatest(body.text("schema_version"), "schema_version");
        bus.rateLimits().acquireReads(tenant, 1);
        Page<Event> page = bus.history(query);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("events", versions.deliver(page.items(), latest));
        json.put("next_cursor", page.hasMore() ? page.nextCursor() : null);
        json.put("count", page.items().size());
        ctx.json(json);
    }

    private static SortOrder order(JsonFields body) {
        String order = body.text("order");
        if (order == null || order.equals("newest")) {
            return SortOrder.NEWEST_FIRST;
        }
        if (order.equals("oldest")) {
            return SortOrder.OLDEST_FIRST;
        }
        throw new ValidationException("invalid_field", "order must be newest or oldest; got " + quote(order), "order");
    }

    private void cancelSchedule(Context ctx) {
        UUID tenant = Params.pathUuid(ctx, "tenant_id", "tenant_id");
        UUID eventId = Params.pathUuid(ctx, "event_id", "event_id");
        access.requireTenant(ctx, tenant);
        bus.cancelScheduled(tenant, eventId);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("success", true);
        json.put("event_id", eventId);
        json.put("cancelled", true);
        ctx.json(json);
    }

    private void event(Context ctx) {
        UUID tenant = Params.pathUuid(ctx, "tenant_id", "tenant_id");
        UUID eventId = Params.pathUuid(ctx, "event_id", "event_id");
        access.requireTenant(ctx, tenant);
        boolean latest = versions.wantsLatest(ctx);
        bus.rateLimits().acquireReads(tenant, 1);
        ctx.json(versions.deliver(bus.find(tenant, eventId)
                .orElseThrow(() -> new NotFoundException("tenant " + tenant + " has no event " + eventId)), latest));
    }
}
