package com.bizosaas.eventbus.client.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON mapper of the client: ISO-8601 times, unknown fields ignored so that a newer
 * server does not break an older client. Thread-safe.
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .build();

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * {@code value} (a record, bean, map or JSON node) as a JSON object.
     *
     * @throws IllegalArgumentException when it does not serialize to a JSON object
     */
    public static ObjectNode toObject(Object value, String what) {
        JsonNode node = MAPPER.valueToTree(value);
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(what + " must serialize to a JSON object; got "
                    + (node == null ? "null" : node.getNodeType()));
        }
        return (ObjectNode) node;
    }

    /** Reads {@code node} as {@code type}; a mismatch is an {@link IllegalArgumentException}. */
    public static <T> T convert(JsonNode node, Class<T> type) {
        return MAPPER.convertValue(node, type);
    }
}
