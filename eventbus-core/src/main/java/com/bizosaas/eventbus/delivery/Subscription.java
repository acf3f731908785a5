package com.bizosaas.eventbus.delivery;

import com.bizosaas.eventbus.ValidationException;
import com.bizosaas.eventbus.model.Event;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/**
 * A standing request of one service to receive events of a type pattern.
 *
 * @param tenantId    only this tenant's events, or {@code null} for every tenant (platform services)
 * @param maxAttempts delivery attempts before an event becomes a dead letter
 * @param ordered     keep per (tenant, subject) order: a failing event holds back later events of
 *                    the same subject, never other subjects
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Subscription(
        UUID id,
        @JsonProperty("tenant_id") UUID tenantId,
        @JsonProperty("event_type") String eventPattern,
        @JsonProperty("service_name") String serviceName,
        @JsonProperty("delivery_mode") DeliveryMode mode,
        @JsonProperty("webhook_url") String webhookUrl,
        @JsonIgnore String secret,
        @JsonProperty("max_attempts") int maxAttempts,
        PayloadFormat format,
        boolean ordered,
        SubscriptionStatus status,
        @JsonProperty("created_at") Instant createdAt) {

    public Subscription {
        if (id == null) {
            throw new ValidationException("id is required", "id");
        }
        EventPattern.validate(eventPattern, "event_type");
        if (serviceName == null || serviceName.isBlank() || serviceName.length() > Event.MAX_FIELD_LENGTH) {
            throw new ValidationException("service_name is required (at most " + Event.MAX_FIELD_LENGTH
                    + " characters)", "service_name");
        }
        if (mode == null) {
            throw new ValidationException("delivery_mode is required", "delivery_mode");
        }
        if (mode == DeliveryMode.WEBHOOK && (webhookUrl == null || webhookUrl.isBlank())) {
            throw new ValidationException("webhook_url is required for webhook delivery", "webhook_url");
        }
        if (maxAttempts < 1 || maxAttempts > 100) {
            throw new ValidationException("max_attempts must be between 1 and 100; got " + maxAttempts,
                    "max_attempts");
        }
        format = format == null ? PayloadFormat.EVENTBUS : format;
        status = status == null ? SubscriptionStatus.ACTIVE : status;
    }

    /** True when {@code event} is for this subscription: tenant, type pattern and target services. */
    public boolean matches(Event event) {
        return (tenantId == null || tenantId.equals(event.tenantId()))
                && EventPattern.matches(eventPattern, event.eventType())
                && event.isTargetedAt(serviceName);
    }

    public Subscription withStatus(SubscriptionStatus newStatus) {
        return new Subscription(id, tenantId, eventPattern, serviceName, mode, webhookUrl, secret, maxAttempts,
                format, ordered, newStatus, createdAt);
    }
}
