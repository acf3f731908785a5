package com.bizosaas.eventbus;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.UUID;

/**
 * Result of one delivery attempt to one subscription, as reported by synchronous publishing.
 *
 * @param statusCode the webhook's HTTP status, or 0 when there was none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeliveryOutcome(
        @JsonProperty("subscription_id") UUID subscriptionId,
        @JsonProperty("service_name") String serviceName,
        boolean success,
        @JsonProperty("status_code") int statusCode,
        String error,
        @JsonProperty("duration_ms") long durationMs) {
}
