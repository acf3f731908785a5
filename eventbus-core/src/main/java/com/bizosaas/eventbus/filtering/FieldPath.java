package com.bizosaas.eventbus.filtering;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a condition looks: one of the event's fields ({@link EventFields} slot) and the keys of
 * nested objects below it. Compared by value, so conditions of different filters on the same
 * place share one index.
 */
record FieldPath(int slot, List<String> keys) {

    FieldPath child(String key) {
        List<String> longer = new ArrayList<>(keys);
        longer.add(key);
        return new FieldPath(slot, List.copyOf(longer));
    }

    /** The value at this path in {@code event}, or {@code null} when a step is missing or not an object. */
    JsonNode read(EventFields event) {
        JsonNode node = event.get(slot);
        for (String key : keys) {
            node = child(node, key);
        }
        return node;
    }

    /** One step down, as a filter's nested object reads it. */
    static JsonNode child(JsonNode node, String key) {
        return node == null || !node.isObject() ? null : node.get(key);
    }
}
