package com.bizosaas.eventbus.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.UUID;

/**
 * First delivery attempt of a synchronously published event to one subscription.
 *
 * @param statusCode the webhook's HTTP status, or 0 when there was none
 * @param error      why the attempt failed, or {@code null}
 */
public record DeliveryOutcome(
        @JsonProperty("subscription_id") UUID subscriptionId,
        @JsonProperty("service_name") String serviceName,
        boolean success,
        @JsonProperty("status_code") int statusCode,
        String error,
        @JsonProperty("duration_ms") long durationMs) {
}
