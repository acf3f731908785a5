package com.bizosaas.eventbus.model;

import com.bizosaas.eventbus.ValidationException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Converts between an event's JSON {@code data} and the application's own types (records, beans,
 * maps) with the bus's {@link WireJson} rules, so published and received data use the same rules
 * (ISO-8601 times, unknown fields ignored). Stateless and thread-safe.
 */
public final class EventData {
    private EventData() {
    }

    /**
     * {@code value} as a JSON object.
     *
     * @throws ValidationException (field {@code data}) when it cannot be serialized or is not an object
     */
    public static ObjectNode toObject(Object value) {
        JsonNode node;
        try {
            node = WireJson.toTree(value);
        } catch (IllegalArgumentException e) {
            throw new ValidationException("data cannot be serialized to JSON: " + e.getMessage(), "data");
        }
        if (node == null || !node.isObject()) {
            throw new ValidationException("data must serialize to a JSON object; got "
                    + (node == null ? "null" : node.getNodeType()), "data");
        }
        return (ObjectNode) node;
    }

    /**
     * {@code event}'s data mapped onto {@code type}.
     *
     * @throws EventDataMappingException when the data does not fit {@code type}
     */
    public static <T> T as(Event event, Class<T> type) {
        try {
            return WireJson.convert(event.data(), type);
        } catch (IllegalArgumentException e) {
            throw new EventDataMappingException("data of event " + event.id() + " (" + event.eventType()
                    + ") does not fit " + type.getName() + ": " + e.getMessage(), e);
        }
    }
}
