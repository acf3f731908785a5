package com.bizosaas.eventbus.delivery;

import com.bizosaas.eventbus.ValidationException;
import com.bizosaas.eventbus.filtering.EventFilter;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.EventIds;
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
 * @param filter      only events matching this content filter, or {@code null} for every event
 *                    the type pattern matches
 * @param maxPerSecond most webhook deliveries per second (they wait, never fail, beyond it), or
 *                    {@code null} for as fast as the worker delivers; webhook subscriptions only
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
        @JsonProperty("disabled_at") Instant disabledAt,
        EventFilter filter,
        @JsonProperty("max_per_second") Integer maxPerSecond) {

    /** Enough for any receiver that needs protecting; faster ones need no limit. */
    public static final int MAX_PER_SECOND_LIMIT = 10_000;

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
        if (maxPerSecond != null && mode != DeliveryMode.WEBHOOK) {
            throw new ValidationException("max_per_second is only for webhook delivery", "max_per_second");
        }
        if (maxPerSecond != null && (maxPerSecond < 1 || maxPerSecond > MAX_PER_SECOND_LIMIT)) {
            throw new ValidationException("max_per_second must be between 1 and " + MAX_PER_SECOND_LIMIT + "; got "
                    + maxPerSecond, "max_per_second");
        }
        format = format == null ? PayloadFormat.EVENTBUS : format;
        status = status == null ? SubscriptionStatus.ACTIVE : status;
        if (status != SubscriptionStatus.DISABLED) {
            disabledReason = null;
            disabledAt = null;
        }
    }

    /** Without a content filter or delivery rate. */
    public Subscription(UUID id, UUID tenantId, String eventPattern, String serviceName, DeliveryMode mode,
                        String webhookUrl, String secret, int maxAttempts, PayloadFormat format, boolean ordered,
                        SubscriptionStatus status, Instant createdAt, String disabledReason, Instant disabledAt) {
        this(id, tenantId, eventPattern, serviceName, mode, webhookUrl, secret, maxAttempts, format, ordered, status,
                createdAt, disabledReason, disabledAt, null, null);
    }

    /** A subscription that is not disabled, without a content filter or delivery rate. */
    public Subscription(UUID id, UUID tenantId, String eventPattern, String serviceName, DeliveryMode mode,
                        String webhookUrl, String secret, int maxAttempts, PayloadFormat format, boolean ordered,
                        SubscriptionStatus status, Instant createdAt) {
        this(id, tenantId, eventPattern, serviceName, mode, webhookUrl, secret, maxAttempts, format, ordered, status,
                createdAt, null, null);
    }

    /** True when {@code event} is for this subscription: tenant, type pattern, target services and filter. */
    public boolean matches(Event event) {
        return routes(event) && (filter == null || filter.matches(event));
    }

    /** True when tenant, type pattern and target services admit {@code event}, whatever the filter says. */
    public boolean routes(Event event) {
        return (tenantId == null || tenantId.equals(event.tenantId()))
                && EventPattern.matches(eventPattern, event.eventType())
                && event.isTargetedAt(serviceName);
    }

    /**
     * A builder for a subscription of {@code serviceName} to {@code eventPattern}: a new time-ordered
     * id, every tenant, 3 attempts, the bus's own payload format, ordered, active.
     */
    public static Builder builder(String eventPattern, String serviceName, DeliveryMode mode) {
        return new Builder(eventPattern, serviceName, mode);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** With {@code newSecret} and {@code newCreatedAt}, as the bus completes a new subscription. */
    public Subscription withSecret(String newSecret, Instant newCreatedAt) {
        return toBuilder().secret(newSecret).createdAt(newCreatedAt).build();
    }

    /** With {@code newStatus}; a disabled subscription keeps why and when it was disabled. */
    public Subscription withStatus(SubscriptionStatus newStatus) {
        return toBuilder().status(newStatus).build();
    }

    /** Disabled by the bus for {@code reason} at {@code at}; its deliveries wait as while paused. */
    public Subscription disabled(String reason, Instant at) {
        Builder b = toBuilder().status(SubscriptionStatus.DISABLED);
        b.disabledReason = reason;
        b.disabledAt = at;
        return b.build();
    }

    /** Mutable builder; {@link #build()} validates as the constructor does. Not thread-safe. */
    public static final class Builder {
        private UUID id;
        private UUID tenantId;
        private String eventPattern;
        private String serviceName;
        private DeliveryMode mode;
        private String webhookUrl;
        private String secret;
        private int maxAttempts;
        private PayloadFormat format;
        private boolean ordered;
        private SubscriptionStatus status;
        private Instant createdAt;
        private String disabledReason;
        private Instant disabledAt;
        private EventFilter filter;
        private Integer maxPerSecond;

        private Builder(String eventPattern, String serviceName, DeliveryMode mode) {
            this.id = EventIds.next();
            this.eventPattern = eventPattern;
            this.serviceName = serviceName;
            this.mode = mode;
            this.maxAttempts = 3;
            this.ordered = true;
        }

        private Builder(Subscription s) {
            id = s.id;
            tenantId = s.tenantId;
            eventPattern = s.eventPattern;
            serviceName = s.serviceName;
            mode = s.mode;
            webhookUrl = s.webhookUrl;
            secret = s.secret;
            maxAttempts = s.maxAttempts;
            format = s.format;
            ordered = s.ordered;
            status = s.status;
            createdAt = s.createdAt;
            disabledReason = s.disabledReason;
            disabledAt = s.disabledAt;
            filter = s.filter;
            maxPerSecond = s.maxPerSecond;
        }

        public Builder id(UUID id) {
            this.id = id;
            return this;
        }

        /** Only this tenant's events; {@code null} for every tenant (platform services). */
        public Builder tenant(UUID tenantId) {
            this.tenantId = tenantId;
            return this;
        }

        public Builder webhookUrl(String webhookUrl) {
            this.webhookUrl = webhookUrl;
            return this;
        }

        /** The webhook's signing secret; left empty, the bus makes one when it saves the subscription. */
        public Builder secret(String secret) {
            this.secret = secret;
            return this;
        }

        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        public Builder format(PayloadFormat format) {
            this.format = format;
            return this;
        }

        public Builder ordered(boolean ordered) {
            this.ordered = ordered;
            return this;
        }

        public Builder status(SubscriptionStatus status) {
            this.status = status;
            return this;
        }

        public Builder createdAt(Instant createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        public Builder filter(EventFilter filter) {
            this.filter = filter;
            return this;
        }

        public Builder maxPerSecond(Integer maxPerSecond) {
            this.maxPerSecond = maxPerSecond;
            return this;
        }

        public Subscription build() {
            return new Subscription(id, tenantId, eventPattern, serviceName, mode, webhookUrl, secret, maxAttempts,
                    format, ordered, status, createdAt, disabledReason, disabledAt, filter, maxPerSecond);
        }
    }
}
