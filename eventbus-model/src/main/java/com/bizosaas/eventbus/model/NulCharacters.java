package com.bizosaas.eventbus.model;

import com.bizosaas.eventbus.ValidationException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * Refuses the NUL character (U+0000) in an event's strings, JSON keys included. PostgreSQL
 * cannot store it in text or jsonb, so it is refused for every store alike, before any store
 * sees it. Stateless.
 */
final class NulCharacters {
    private static final char NUL = '\u0000';

    private NulCharacters() {
    }

    static void refuse(String value, String field) {
        if (value != null && value.indexOf(NUL) >= 0) {
            throw refused(field);
        }
    }

    static void refuse(List<String> values, String field) {
        if (values == null) {
            return;
        }
        for (int i = 0; i < values.size(); i++) {
            refuse(values.get(i), field + "[" + i + "]");
        }
    }

    static void refuse(Map<String, String> values, String field) {
        if (values == null) {
            return;
        }
        values.forEach((key, value) -> {
            refuse(key, field);
            refuse(value, field + "." + key);
        });
    }

    /** Walks the whole JSON value: field names and string values at any depth. */
    static void refuse(JsonNode node, String field) {
        if (node == null) {
            return;
        }
        if (node.isTextual()) {
            refuse(node.textValue(), field);
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                refuse(node.get(i), field + "[" + i + "]");
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                refuse(entry.getKey(), field);
                refuse(entry.getValue(), field + "." + entry.getKey());
            }
        }
    }

    private static ValidationException refused(String field) {
        return new ValidationException("invalid_character",
                field + " must not contain the NUL character (\\u0000)", field);
    }
}
