package com.bizosaas.eventbus.server.internal;

import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.ValidationException;
import com.bizosaas.eventbus.WrongExpectedVersionException;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.Priority;
import com.bizosaas.eventbus.schema.SchemaValidationException;
import com.bizosaas.eventbus.spi.EventStore;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Event-sourced streams: append with an expected version, read from a version. A stream is the
 * events of one tenant with the stream id as their subject, so history, subscriptions and replay
 * see them like any published event. Thread-safe.
 */
final class StreamRoutes {
    private static final List<String> APPEND_FIELDS = List.of("expected_version", "events");
    /** What a stream event may carry; tenant_id and subject come from the path (repeating them is allowed). */
    private static final List<String> EVENT_FIELDS = List.of("event_id", "event_type", "tenant_id", "subject",
            "source_service", "priority", "version", "correlation_id", "causation_id", "target_services", "data",
            "metadata", "idempotency_key");

    private final EventBus bus;
    private final AccessControl access;
    private final SchemaVersions versions;

    StreamRoutes(EventBus bus, AccessControl access) {
        this.bus = bus;
        this.access = access;
        this.versions = new SchemaVersions(bus.schemas());
    }

    void register(RoutesConfig routes) {
        routes.post("/streams/{tenant_id}/{stream_id}", this::append);
        routes.get("/streams/{tenant_id}/{stream_id}", this::read);
    }

    /**
     * Body {@code {"expected_version": n, "events": [...]}}: {@code n} is the version the stream
     * must be at (0: it must not exist yet; -1 or absent: any). 201 with the stored events; 409
     * {@code wrong_expected_version} with {@code current_version} when another writer was first.
     */
    private void append(Context ctx) {
        UUID tenant = Params.pathUuid(ctx, "tenant_id", "tenant_id");
        String streamId = streamId(ctx);
        access.requireTenant(ctx, tenant);
        JsonFields body = JsonFields.parse(ctx.bodyAsBytes()).allowOnly(APPEND_FIELDS);
        long expected = body.integer("expected_version", EventStore.ANY_VERSION, EventStore.ANY_VERSION,
                Long.MAX_VALUE);
        List<JsonFields> items = body.objects("events");
        if (items.isEmpty() || items.size() > EventRoutes.MAX_BATCH) {
            throw new ValidationException("invalid_field",
                    "events must hold between 1 and " + EventRoutes.MAX_BATCH + " events; got " + items.size(),
                    "events");
        }
        List<Event> events = new ArrayList<>(items.size());
        for (JsonFields item : items) {
            events.add(toEvent(item.allowOnly(EVENT_FIELDS), tenant, streamId));
        }
        List<Event> stored;
        try {
            stored = bus.appendToStream(tenant, streamId, expected, events);
        } catch (WrongExpectedVersionException e) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("error", e.code());
            json.put("message", e.getMessage());
            json.put("current_version", e.currentVersion());
            json.put("expected_version", e.expectedVersion());
            ctx.status(409).json(json);
            return;
        } catch (SchemaValidationException e) {
            throw new SchemaValidationException("events[" + e.index() + "]: " + e.getMessage(),
                    "events[" + e.index() + "]." + e.field(), e.index());
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("tenant_id", tenant);
        json.put("stream_id", streamId);
        json.put("version", stored.get(stored.size() - 1).streamVersion());
        json.put("events", stored);
        ctx.status(201).json(json);
    }

    /** {@code ?from_version=} (default 1) and {@code schema_version=latest} to upcast. */
    private void read(Context ctx) {
        UUID tenant = Params.pathUuid(ctx, "tenant_id", "tenant_id");
        String streamId = streamId(ctx);
        access.requireTenant(ctx, tenant);
        long from = Params.queryLong(ctx, "from_version", 1, 1, Long.MAX_VALUE);
        boolean latest = versions.wantsLatest(ctx);
        bus.rateLimits().acquireReads(tenant, 1);
        List<Event> events = versions.deliver(bus.readStream(tenant, streamId, from), latest);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("tenant_id", tenant);
        json.put("stream_id", streamId);
        json.put("from_version", from);
        json.put("events", events);
        json.put("count", events.size());
        ctx.json(json);
    }

    private static String streamId(Context ctx) {
        String streamId = ctx.pathParam("stream_id");
        if (streamId.isBlank() || streamId.length() > Event.MAX_FIELD_LENGTH) {
            throw new ValidationException("invalid_field", "stream_id must be 1 to " + Event.MAX_FIELD_LENGTH
                    + " characters", "stream_id");
        }
        return streamId;
    }

    private static Event toEvent(JsonFields f, UUID tenant, String streamId) {
        UUID repeatedTenant = f.uuid("tenant_id");
        if (repeatedTenant != null && !repeatedTenant.equals(tenant)) {
            throw new ValidationException("invalid_field", f.path("tenant_id") + " differs from the path's tenant "
                    + tenant, f.path("tenant_id"));
        }
        String subject = f.text("subject");
        if (subject != null && !Objects.equals(subject, streamId)) {
            throw new ValidationException("invalid_field", f.path("subject") + " differs from the path's stream id",
                    f.path("subject"));
        }
        UUID id = f.uuid("event_id");
        String type = f.requiredText("event_type");
        String source = f.text("source_service");
        String priority = f.text("priority");
        int version = (int) f.integer("version", 1, 1, Integer.MAX_VALUE);
        String correlationId = f.text("correlation_id");
        String causationId = f.text("causation_id");
        List<String> targets = f.strings("target_services");
        ObjectNode data = f.object("data");
        Map<String, String> metadata = f.stringMap("metadata");
        String idempotencyKey = f.text("idempotency_key");
        // Read first: JsonFields names the field in its place; only the event's own checks need relabelling.
        try {
            return Event.builder()
                    .id(id)
                    .type(type)
                    .tenant(tenant)
                    .subject(streamId)
                    .source(source)
                    .priority(priority == null ? Priority.NORMAL : Priority.fromWire(priority))
                    .version(version)
                    .correlationId(correlationId)
                    .causationId(causationId)
                    .targetServices(targets)
                    .data(data)
                    .metadata(metadata)
                    .idempotencyKey(idempotencyKey)
                    .build();
        } catch (ValidationException e) {
            throw f.relabel(e);
        }
    }
}
