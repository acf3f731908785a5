package com.bizosaas.eventbus.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The bus's JSON rules, in one place for the engine, the server and the client SDK: ISO-8601
 * times kept in their zone, unknown fields ignored on reading so that a newer peer does not break
 * an older one. Shared readers and writers are immutable; a caller that must configure a mapper of
 * its own (a web framework, a CLI's pretty printer) takes a {@link #newMapper() new one}, so no
 * caller can change the rules for everyone. Thread-safe.
 */
public final class WireJson {
    private static final ObjectMapper MAPPER = newMapper();
    private static final ObjectReader READER = MAPPER.reader();
    private static final ObjectWriter WRITER = MAPPER.writer();

    private WireJson() {
    }

    /** A fresh mapper with the wire rules, the caller's own to configure further. */
    public static JsonMapper newMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .build();
    }

    /** The shared reader: {@code reader().readTree(bytes)}, {@code reader().forType(X.class)}. */
    public static ObjectReader reader() {
        return READER;
    }

    /** The shared writer: {@code writer().writeValueAsBytes(value)}. */
    public static ObjectWriter writer() {
        return WRITER;
    }

    /**
     * {@code value} (a record, bean, map or node) as a JSON tree of the type the caller expects;
     * {@code null} for {@code null}.
     *
     * @throws IllegalArgumentException when it cannot be serialized
     */
    public static <T extends JsonNode> T toTree(Object value) {
        return MAPPER.valueToTree(value);
    }

    /**
     * {@code node} read as {@code type}.
     *
     * @throws IllegalArgumentException when it does not fit
     */
    public static <T> T convert(JsonNode node, Class<T> type) {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
    }
}
