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
 * @param disabledReason why the bus disabled it (e.g. the receiver answered 410 Gone); only while
 *                    {@link SubscriptionStatus#DISABLED}, otherwise null
 * @param disabledAt  when the bus disabled it; only while disabled, otherwise null
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
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("disabled_reason") String disabledReason,
        @JsonProperty("disabled_at") Instant disabledAt) {

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
        if (status != SubscriptionStatus.DISABLED) {
            disabledReason = null;
            disabledAt = null;
        }
    }

    /** A subscription that is not disabled. */
    public Subscription(UUID id, UUID tenantId, String eventPattern, String serviceName, DeliveryMode mode,
                        String webhookUrl, String secret, int maxAttempts, PayloadFormat format, boolean ordered,
                        SubscriptionStatus status, Instant createdAt) {
        this(id, tenantId, eventPattern, serviceName, mode, webhookUrl, secret, maxAttempts, format, ordered, status,
                createdAt, null, null);
    }

    /** True when {@code event} is for this subscription: tenant, type pattern and target services. */
    public boolean matches(Event event) {
        return (tenantId == null || tenantId.equals(event.tenantId()))
                && EventPattern.matches(eventPattern, event.eventType())
                && event.isTargetedAt(serviceName);
    }

    /** With {@code newStatus}; a disabled subscription keeps why and when it was disabled. */
    public Subscription withStatus(SubscriptionStatus newStatus) {
        return new Subscription(id, tenantId, eventPattern, serviceName, mode, webhookUrl, secret, maxAttempts,
                format, ordered, newStatus, createdAt, disabledReason, disabledAt);
    }

    /** Disabled by the bus for {@code reason} at {@code at}; its deliveries wait as while paused. */
    public Subscription disabled(String reason, Instant at) {
        return new Subscription(id, tenantId, eventPattern, serviceName, mode, webhookUrl, secret, maxAttempts,
                format, ordered, SubscriptionStatus.DISABLED, createdAt, reason, at);
    }
}
