package com.bizosaas.eventbus.client;

import com.bizosaas.eventbus.client.internal.Json;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A stored event as the server returns it (history, pull, webhooks), in its snake_case JSON
 * shape. Immutable except for {@link #data()}, which readers must not mutate.
 *
 * @param position  the store's per-tenant position, the replay and paging cursor
 * @param deliverAt when a scheduled event is (or was) due; {@code null} for one dispatched at once
 */
public record EventEnvelope(
        UUID id,
        @JsonProperty("event_type") String eventType,
        int version,
        @JsonProperty("tenant_id") UUID tenantId,
        @JsonProperty("source_service") String sourceService,
        Instant time,
        Priority priority,
        String subject,
        @JsonProperty("correlation_id") String correlationId,
        @JsonProperty("causation_id") String causationId,
        @JsonProperty("target_services") List<String> targetServices,
        ObjectNode data,
        Map<String, String> metadata,
        long position,
        @JsonProperty("deliver_at") Instant deliverAt) {

    public EventEnvelope {
        targetServices = targetServices == null ? List.of() : List.copyOf(targetServices);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        data = data == null ? JsonNodeFactory.instance.objectNode() : data;
    }

    /** An event that was not scheduled. */
    public EventEnvelope(UUID id, String eventType, int version, UUID tenantId, String sourceService, Instant time,
                         Priority priority, String subject, String correlationId, String causationId,
                         List<String> targetServices, ObjectNode data, Map<String, String> metadata, long position) {
        this(id, eventType, version, tenantId, sourceService, time, priority, subject, correlationId, causationId,
                targetServices, data, metadata, position, null);
    }

    /**
     * The payload mapped onto {@code type} (a record, bean or map).
     *
     * @throws EventDataMappingException naming this event and {@code type} when the data does not fit
     */
    public <T> T dataAs(Class<T> type) {
        try {
            return Json.convert(data, type);
        } catch (IllegalArgumentException e) {
            throw new EventDataMappingException("data of event " + id + " (" + eventType + ") does not fit "
                    + type.getName() + ": " + e.getMessage(), e);
        }
    }

    /** Parses one event from its JSON form, e.g. a webhook body once {@link WebhookVerifier} accepted it. */
    public static EventEnvelope fromJson(byte[] json) {
        try {
            return Json.mapper().readValue(json, EventEnvelope.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("not an event in the bus's JSON form: " + e.getMessage(), e);
        }
    }
}
