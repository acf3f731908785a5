package com.bizosaas.eventbus.routing;

import com.bizosaas.eventbus.EventBusException;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.WireJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The CloudEvents 1.0 view of an event (JSON structured mode): {@code id, source, type,
 * specversion, time, subject, datacontenttype, data}, plus the bus's own fields as extension
 * attributes (lower-case letters only, as the spec requires): {@code tenantid, priority,
 * dataversion, position, correlationid, causationid}, and {@code traceparent, tracestate} per the
 * CloudEvents distributed-tracing extension. Stateless.
 */
public final class CloudEvents {
    public static final String CONTENT_TYPE = "application/cloudevents+json";
    private static final List<String> TRACE_CONTEXT = List.of("traceparent", "tracestate");

    private CloudEvents() {
    }

    public static ObjectNode toJson(Event event) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("specversion", "1.0");
        node.put("id", event.id().toString());
        node.put("source", "/services/" + event.sourceService());
        node.put("type", event.eventType());
        node.put("time", event.time().toString());
        if (event.subject() != null) {
            node.put("subject", event.subject());
        }
        node.put("datacontenttype", "application/json");
        node.put("tenantid", event.tenantId().toString());
        node.put("priority", event.priority().wireName());
        node.put("dataversion", event.version());
        node.put("position", event.position());
        if (event.correlationId() != null) {
            node.put("correlationid", event.correlationId());
        }
        if (event.causationId() != null) {
            node.put("causationid", event.causationId());
        }
        // The distributed-tracing extension's attributes, from the W3C trace context in metadata.
        for (String traceAttribute : TRACE_CONTEXT) {
            String value = event.metadata().get(traceAttribute);
            if (value != null) {
                node.put(traceAttribute, value);
            }
        }
        node.set("data", event.data());
        return node;
    }

    public static byte[] encode(Event event) {
        try {
            return WireJson.writer().writeValueAsBytes(toJson(event));
        } catch (JsonProcessingException e) {
            throw new EventBusException("encoding_failed", "cannot encode event " + event.id(), false, e);
        }
    }
}
