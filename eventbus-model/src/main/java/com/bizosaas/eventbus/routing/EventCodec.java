package com.bizosaas.eventbus.routing;

import com.bizosaas.eventbus.EventBusException;
import com.bizosaas.eventbus.model.Event;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;

/**
 * Encodes events to the seed's JSON wire form and back. One shared, thread-safe instance.
 * Unknown fields are ignored on decode so newer publishers do not break older consumers.
 */
public final class EventCodec {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .build();

    private EventCodec() {
    }

    /** The mapper configured for the wire form (ISO-8601 times, snake_case names). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static byte[] encode(Event event) {
        try {
            return MAPPER.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new EventBusException("encoding_failed", "cannot encode event " + event.id(), false, e);
        }
    }

    public static Event decode(byte[] bytes) {
        try {
            return MAPPER.readValue(bytes, Event.class);
        } catch (IOException e) {
            throw new EventBusException("decoding_failed", "cannot decode event: " + e.getMessage(), false, e);
        }
    }
}
