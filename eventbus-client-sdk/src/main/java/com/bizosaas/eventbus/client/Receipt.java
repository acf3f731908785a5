package com.bizosaas.eventbus.client;

import com.bizosaas.eventbus.DeliveryOutcome;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The server's answer once an event is durably stored.
 *
 * @param duplicate true when the event id or idempotency key had been stored before (for example
 *                  by an earlier try whose answer was lost); the receipt then describes that event
 * @param outcomes  first delivery outcomes per push subscription, filled only by
 *                  {@link EventBusClient#publishAndWait}; empty otherwise
 */
public record Receipt(
        @JsonProperty("event_id") UUID eventId,
        long position,
        Instant timestamp,
        boolean duplicate,
        List<DeliveryOutcome> outcomes) {

    public Receipt {
        outcomes = outcomes == null ? List.of() : List.copyOf(outcomes);
    }
}
