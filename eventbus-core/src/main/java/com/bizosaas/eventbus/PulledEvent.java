package com.bizosaas.eventbus;

import com.bizosaas.eventbus.model.Event;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * An event handed to a pull subscriber under a lease: ack it before {@code leaseUntil}, or it is
 * delivered again.
 *
 * @param attempt 1 for the first delivery, higher for redeliveries
 */
public record PulledEvent(@JsonProperty("ack_id") String ackId, Event event, int attempt,
                          @JsonProperty("lease_until") Instant leaseUntil) {
}
