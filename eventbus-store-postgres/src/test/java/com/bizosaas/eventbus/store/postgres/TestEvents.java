package com.bizosaas.eventbus.store.postgres;

import com.bizosaas.eventbus.delivery.DeliveryMode;
import com.bizosaas.eventbus.delivery.Subscription;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.EventIds;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Small builders for the store tests. */
final class TestEvents {
    private TestEvents() {
    }

    /** A storable event (id and time assigned) of the tenant, stamped now. */
    static Event event(UUID tenant, String type) {
        return event(tenant, type, Instant.now());
    }

    static Event event(UUID tenant, String type, Instant time) {
        return Event.builder()
                .id(EventIds.next())
                .tenant(tenant)
                .type(type)
                .source("test")
                .time(time.truncatedTo(ChronoUnit.MICROS))
                .data(JsonNodeFactory.instance.objectNode().put("lead_id", "123").put("score", 42))
                .build();
    }

    static Subscription webhook(UUID tenant, String pattern) {
        return new Subscription(UUID.randomUUID(), tenant, pattern, "crm-service", DeliveryMode.WEBHOOK,
                "https://crm.example.com/hooks", "secret", 3, null, true, null,
                Instant.now().truncatedTo(ChronoUnit.MICROS));
    }
}
