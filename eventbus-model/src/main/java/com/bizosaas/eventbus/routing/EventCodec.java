package com.bizosaas.eventbus.routing;

import com.bizosaas.eventbus.EventBusException;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.WireJson;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;

/**
 * Encodes events to the seed's JSON wire form and back, with the {@link WireJson} rules (unknown
 * fields are ignored on decode so newer publishers do not break older consumers). Stateless and
 * thread-safe.
 */
public final class EventCodec {
    private static final ObjectWriter WRITER = WireJson.writer().forType(Event.class);
    private static final ObjectReader READER = WireJson.reader().forType(Event.class);

    private EventCodec() {
    }

    public static byte[] encode(Event event) {
        try {
            return WRITER.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new EventBusException("encoding_failed", "cannot encode event " + event.id(), false, e);
        }
    }

    public static Event decode(byte[] bytes) {
        try {
            return READER.readValue(bytes);
        } catch (IOException e) {
            throw new EventBusException("decoding_failed", "cannot decode event: " + e.getMessage(), false, e);
        }
    }
}
