package com.bizosaas.eventbus.delivery;

import com.bizosaas.eventbus.ValidationException;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * Which stored events to deliver again, and to which one subscription. Time bounds are
 * from-inclusive, to-exclusive; position bounds are inclusive (0 = open).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReplayRequest(
        @JsonProperty("tenant_id") UUID tenantId,
        @JsonProperty("subscription_id") UUID subscriptionId,
        @JsonProperty("event_types") Set<String> eventTypes,
        @JsonProperty("from_time") Instant fromTime,
        @JsonProperty("to_time") Instant toTime,
        @JsonProperty("from_position") long fromPosition,
        @JsonProperty("to_position") long toPosition) {

    public ReplayRequest {
        if (tenantId == null) {
            throw new ValidationException("tenant_id is required", "tenant_id");
        }
        if (subscriptionId == null) {
            throw new ValidationException("subscription_id is required", "subscription_id");
        }
        if (fromPosition < 0 || toPosition < 0 || (toPosition > 0 && toPosition < fromPosition)) {
            throw new ValidationException("from_position and to_position must be 0 or more, from <= to",
                    "from_position");
        }
        if (fromTime != null && toTime != null && !fromTime.isBefore(toTime)) {
            throw new ValidationException("from_time must be before to_time", "from_time");
        }
        eventTypes = eventTypes == null ? Set.of() : Set.copyOf(eventTypes);
    }
}
