package com.bizosaas.eventbus.delivery;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The delivery of one event to one subscription, with its retry state.
 *
 * @param seq         store-assigned, increasing: the paging cursor for dead-letter listings
 * @param orderingKey deliveries with the same subscription and ordering key are attempted in
 *                    position order; {@code null} when the subscription does not keep order
 * @param replayId    set when the delivery was created by a replay job
 * @param attemptLog  every attempt so far, oldest first
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Delivery(
        UUID id,
        long seq,
        @JsonProperty("subscription_id") UUID subscriptionId,
        @JsonProperty("tenant_id") UUID tenantId,
        @JsonProperty("event_id") UUID eventId,
        @JsonProperty("event_type") String eventType,
        long position,
        @JsonProperty("ordering_key") String orderingKey,
        DeliveryStatus status,
        int attempts,
        @JsonIgnore Instant nextAttemptAt,
        @JsonProperty("lease_until") Instant leaseUntil,
        @JsonProperty("replay_id") UUID replayId,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("attempt_log") List<DeliveryAttempt> attemptLog) {

    public Delivery {
        attemptLog = attemptLog == null ? List.of() : List.copyOf(attemptLog);
    }

    /** A new pending delivery due at {@code now}. */
    public static Delivery pending(UUID subscriptionId, com.bizosaas.eventbus.model.Event event,
                                   String orderingKey, UUID replayId, Instant now) {
        return new Delivery(com.bizosaas.eventbus.model.EventIds.next(), 0, subscriptionId, event.tenantId(),
                event.id(), event.eventType(), event.position(), orderingKey, DeliveryStatus.PENDING, 0, now,
                null, replayId, now, List.of());
    }

    /** The same delivery, first due at {@code at}. */
    public Delivery dueAt(Instant at) {
        return new Delivery(id, seq, subscriptionId, tenantId, eventId, eventType, position, orderingKey, status,
                attempts, at, leaseUntil, replayId, createdAt, attemptLog);
    }

    /**
     * The JSON {@code next_attempt_at}: only while an attempt is scheduled. A leased delivery is
     * due again at {@code lease_until}, and a settled one or a dead letter has no next attempt
     * until it is redriven.
     */
    @JsonProperty("next_attempt_at")
    Instant scheduledAttemptAt() {
        return status == DeliveryStatus.PENDING ? nextAttemptAt : null;
    }

    public DeliveryAttempt lastAttempt() {
        return attemptLog.isEmpty() ? null : attemptLog.get(attemptLog.size() - 1);
    }
}
