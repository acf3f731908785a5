package com.bizosaas.eventbus.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
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
 * @param filter       its content filter, or {@code null} when it has none
 * @param maxPerSecond its webhook delivery rate limit, or {@code null} when it has none
 * @param circuit      a webhook's circuit breaker; {@code null} for other modes
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
        @JsonProperty("disabled_at") Instant disabledAt,
        JsonNode filter,
        @JsonProperty("max_per_second") Integer maxPerSecond,
        CircuitInfo circuit) {

    /** Without a content filter or delivery rate. */
    public SubscriptionInfo(UUID id, UUID tenantId, String eventType, String serviceName, String deliveryMode,
                            String webhookUrl, int maxAttempts, String format, boolean ordered, String status,
                            Instant createdAt, String secret, String disabledReason, Instant disabledAt) {
        this(id, tenantId, eventType, serviceName, deliveryMode, webhookUrl, maxAttempts, format, ordered, status,
                createdAt, secret, disabledReason, disabledAt, null, null, null);
    }
}
