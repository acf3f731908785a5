package com.bizosaas.eventbus.filtering;

import com.bizosaas.eventbus.model.Event;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * One event as filters see it: each field a filter may name, as the JSON node of the event's wire
 * form, built at most once per event however many filters read it. Dispatch matches one event
 * against every subscription of its tenant, so building {@code metadata} or {@code
 * target_services} nodes per subscription cost more than the comparisons. Not thread-safe: one
 * instance serves one matching pass.
 */
final class EventFields {
    /** The event fields a filter may name, as spelled in the event's JSON; the index is the slot. */
    static final List<String> NAMES = List.of("event_type", "version", "tenant_id", "source_service", "priority",
            "subject", "correlation_id", "causation_id", "idempotency_key", "target_services", "metadata", "data");

    private static final List<Function<Event, JsonNode>> ACCESSORS = List.of(
            e -> text(e.eventType()),
            e -> IntNode.valueOf(e.version()),
            e -> text(e.tenantId()),
            e -> text(e.sourceService()),
            e -> text(e.priority().wireName()),
            e -> text(e.subject()),
            e -> text(e.correlationId()),
            e -> text(e.causationId()),
            e -> text(e.idempotencyKey()),
            EventFields::targets,
            EventFields::metadata,
            Event::data);

    /** Marks a slot not read yet; a field the event lacks is read as {@code null}. */
    private static final JsonNode UNREAD = JsonNodeFactory.instance.missingNode();

    private final Event event;
    private final JsonNode[] values = new JsonNode[NAMES.size()];

    EventFields(Event event) {
        this.event = event;
        Arrays.fill(values, UNREAD);
    }

    /** The slot of {@code name}, or -1 when filters may not name it. */
    static int slot(String name) {
        return NAMES.indexOf(name);
    }

    /** The field in {@code slot}, or {@code null} when the event does not carry it. */
    JsonNode get(int slot) {
        JsonNode value = values[slot];
        if (value == UNREAD) {
            value = ACCESSORS.get(slot).apply(event);
            values[slot] = value;
        }
        return value;
    }

    private static JsonNode text(Object value) {
        return value == null ? null : TextNode.valueOf(value.toString());
    }

    private static JsonNode targets(Event event) {
        return JsonNodeFactory.instance.arrayNode().addAll(event.targetServices().stream()
                .map(TextNode::valueOf).map(JsonNode.class::cast).toList());
    }

    private static JsonNode metadata(Event event) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        event.metadata().forEach(node::put);
        return node;
    }
}
