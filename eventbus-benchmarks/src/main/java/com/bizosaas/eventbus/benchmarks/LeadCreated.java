package com.bizosaas.eventbus.benchmarks;

import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.EventIds;
import com.bizosaas.eventbus.routing.EventCodec;
import com.bizosaas.eventbus.routing.EventRouter;
import com.bizosaas.eventbus.spi.BrokerMessage;
import com.bizosaas.eventbus.spi.Destination;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The seed's {@code lead.created} event (about 400 bytes encoded), the payload every benchmark
 * sends, so that ours and the raw baseline carry identical bytes. Stateless; thread-safe.
 */
final class LeadCreated {
    static final String TYPE = "lead.created";

    private LeadCreated() {
    }

    static ObjectNode data() {
        return JsonNodeFactory.instance.objectNode()
                .put("lead_id", "123e4567-e89b-12d3-a456-426614174000")
                .put("email", "john.doe@example.com")
                .put("first_name", "John")
                .put("last_name", "Doe")
                .put("company", "Acme Corp")
                .put("source", "website-form")
                .put("score", 42);
    }

    /**
     * A fresh event with everything a publisher sets (id, time, type, tenant, source, data). The id
     * is the one the engine gives every event published without one: time-ordered (UUIDv7), so the
     * stores' id indexes see what they see in production, not random inserts.
     */
    static Event event(UUID tenant) {
        return Event.builder().id(EventIds.next()).time(Instant.now()).type(TYPE).tenant(tenant)
                .source("crm-service").data(data()).build();
    }

    static Destination destination(String topic, UUID tenant) {
        return new Destination(topic, tenant + "." + TYPE);
    }

    /** {@code count} broker messages as the engine's router builds them: encoded event, ordering key, three headers. */
    static List<BrokerMessage> messages(UUID tenant, int count) {
        List<BrokerMessage> messages = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Event e = event(tenant);
            messages.add(new BrokerMessage(e.orderingKey(), EventCodec.encode(e), Map.of(
                    EventRouter.HEADER_EVENT_ID, e.id().toString(), EventRouter.HEADER_EVENT_TYPE, e.eventType(),
                    EventRouter.HEADER_TENANT_ID, e.tenantId().toString())));
        }
        return messages;
    }
}
