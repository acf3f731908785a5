package com.bizosaas.eventbus.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/**
 * A subscription as the server describes it.
 *
 * @param tenantId     the only tenant whose events it receives, or {@code null} for all tenants
 * @param deliveryMode {@code webhook}, {@code pull} or {@code in-process}
 * @param format       {@code eventbus} or {@code cloudevents}
 * @param status       {@code active}, {@code paused} or {@code disabled}
 * @param secret       the webhook signing secret ({@code whsec_...}); the server returns it only
 *                     when the subscription is created, {@code null} elsewhere
 * @param disabledReason why the server disabled it (its webhook answered 410 Gone), only while
 *                     {@code disabled}; events published meanwhile are delivered once it is resumed
 * @param disabledAt   when the server disabled it, only while {@code disabled}
 */
public record SubscriptionInfo(
        UUID id,
        @JsonProperty("tenant_id") UUID tenantId,
        @JsonProperty("event_type") String eventType,
        @JsonProperty("service_name") String serviceName,
        @JsonProperty("delivery_mode") String deliveryMode,
        @JsonProperty("webhook_url") String webhookUrl,
        @JsonProperty("max_attempts") int maxAttempts,
        String format,
        boolean ordered,
        String status,
        @JsonProperty("created_at") Instant createdAt,
        String secret,
        @JsonProperty("disabled_reason") String disabledReason,
        @JsonProperty("disabled_at") Instant disabledAt) {
}
