package com.bizosaas.eventbus.client;

import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.EventData;
import com.bizosaas.eventbus.model.Priority;
import com.bizosaas.eventbus.model.WireJson;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One event to publish, in the server's {@code POST /events/publish} JSON shape. Immutable except
 * for {@link #data()}, which callers must not mutate once built.
 *
 * <p>{@code eventId} and {@code sourceService} may be left empty: the client fills in a fresh
 * time-ordered id (kept across retries, so a retry never stores the event twice) and its own
 * service name.
 *
 * <p>{@code deliverAt} or {@code delayMs} (not both) schedules the event: the server stores it at
 * once and dispatches it from then on; {@link EventBusClient#cancelScheduled} withdraws it before.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PublishRequest(
        @JsonProperty("event_id") UUID eventId,
        @JsonProperty("event_type") String eventType,
        @JsonProperty("tenant_id") UUID tenantId,
        @JsonProperty("source_service") String sourceService,
        ObjectNode data,
        Priority priority,
        String subject,
        @JsonProperty("correlation_id") String correlationId,
        @JsonProperty("causation_id") String causationId,
        @JsonProperty("target_services") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> targetServices,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> metadata,
        Integer version,
        @JsonProperty("idempotency_key") String idempotencyKey,
        @JsonProperty("deliver_at") Instant deliverAt,
        @JsonProperty("delay_ms") Long delayMs) {

    public PublishRequest {
        Objects.requireNonNull(eventType, "event_type is required");
        Objects.requireNonNull(tenantId, "tenant_id is required");
        data = data == null ? JsonNodeFactory.instance.objectNode() : data;
        priority = priority == null ? Priority.NORMAL : priority;
        targetServices = targetServices == null ? List.of() : List.copyOf(targetServices);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        if (deliverAt != null && delayMs != null) {
            throw new IllegalArgumentException("give deliverAt or delay, not both");
        }
        if (delayMs != null && delayMs < 0) {
            throw new IllegalArgumentException("delay must not be negative; got " + delayMs + " ms");
        }
    }

    /** A builder for an event of {@code eventType} owned by {@code tenantId}. */
    public static Builder builder(String eventType, UUID tenantId) {
        return new Builder(eventType, tenantId);
    }

    /**
     * A builder for an event that reacts to {@code cause}: same tenant, same correlation id (the
     * cause's id when it had none), and the cause as causation id, so a workflow can be traced.
     */
    public static Builder causedBy(String eventType, Event cause) {
        String correlation = cause.correlationId() != null ? cause.correlationId() : cause.id().toString();
        return new Builder(eventType, cause.tenantId())
                .correlationId(correlation)
                .causationId(cause.id().toString());
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Mutable builder; {@link #build()} checks the required fields. Not thread-safe. */
    public static final class Builder {
        private UUID eventId;
        private String eventType;
        private UUID tenantId;
        private String sourceService;
        private ObjectNode data;
        private Priority priority;
        private String subject;
        private String correlationId;
        private String causationId;
        private List<String> targetServices;
        private Map<String, String> metadata;
        private Integer version;
        private String idempotencyKey;
        private Instant deliverAt;
        private Long delayMs;

        private Builder(String eventType, UUID tenantId) {
            this.eventType = eventType;
            this.tenantId = tenantId;
        }

        private Builder(PublishRequest r) {
            eventId = r.eventId;
            eventType = r.eventType;
            tenantId = r.tenantId;
            sourceService = r.sourceService;
            data = r.data;
            priority = r.priority;
            subject = r.subject;
            correlationId = r.correlationId;
            causationId = r.causationId;
            targetServices = r.targetServices;
            metadata = r.metadata;
            version = r.version;
            idempotencyKey = r.idempotencyKey;
            deliverAt = r.deliverAt;
            delayMs = r.delayMs;
        }

        /** Client-chosen event id; leave unset to let the client pick a time-ordered one. */
        public Builder eventId(UUID eventId) {
            this.eventId = eventId;
            return this;
        }

        public Builder sourceService(String sourceService) {
            this.sourceService = sourceService;
            return this;
        }

        /** The payload: a record, bean, map or JSON node that serializes to a JSON object. */
        public Builder data(Object data) {
            this.data = EventData.toObject(data);
            return this;
        }

        public Builder priority(Priority priority) {
            this.priority = priority;
            return this;
        }

        /** Aggregate or stream id; events of one tenant and subject are delivered in order. */
        public Builder subject(String subject) {
            this.subject = subject;
            return this;
        }

        public Builder correlationId(String correlationId) {
            this.correlationId = correlationId;
            return this;
        }

        public Builder causationId(String causationId) {
            this.causationId = causationId;
            return this;
        }

        /** Only subscriptions of these services receive the event; empty means everyone. */
        public Builder targetServices(String... services) {
            this.targetServices = List.of(services);
            return this;
        }

        public Builder metadata(Map<String, String> metadata) {
            this.metadata = metadata;
            return this;
        }

        /** Schema version of {@code data}; the server's default (1) when unset. */
        public Builder version(int version) {
            this.version = version;
            return this;
        }

        /** The caller's own de-duplication key, unique per tenant; the event id is used when unset. */
        public Builder idempotencyKey(String idempotencyKey) {
            this.idempotencyKey = idempotencyKey;
            return this;
        }

        /** Dispatch no earlier than {@code deliverAt} (the server's clock decides); replaces a delay. */
        public Builder deliverAt(Instant deliverAt) {
            this.deliverAt = deliverAt;
            this.delayMs = null;
            return this;
        }

        /** Dispatch {@code delay} after the server stores the event; replaces a deliverAt. */
        public Builder delay(Duration delay) {
            this.delayMs = delay == null ? null : delay.toMillis();
            this.deliverAt = null;
            return this;
        }

        public PublishRequest build() {
            return new PublishRequest(eventId, eventType, tenantId, sourceService, data, priority, subject,
                    correlationId, causationId, targetServices, metadata, version, idempotencyKey, deliverAt,
                    delayMs);
        }
    }
}
