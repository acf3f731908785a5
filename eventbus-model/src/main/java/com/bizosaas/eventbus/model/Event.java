package com.bizosaas.eventbus.model;

import static com.bizosaas.eventbus.ValidationException.quote;

import com.bizosaas.eventbus.ValidationException;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One domain event, in the seed's snake_case JSON shape. Immutable except for {@link #data()},
 * which callers must not mutate once the event is built.
 *
 * <p>{@code id}, {@code time} and {@code position} are assigned by the bus and store: a draft
 * built for publishing leaves them empty ({@code position == 0}).
 *
 * <p>{@code deliverAt}, when set and later than {@code time}, schedules the event: it is stored
 * (and positioned) at once but dispatched to subscriptions only from then on.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Event(
        UUID id,
        @JsonProperty("event_type") String eventType,
        int version,
        @JsonProperty("tenant_id") UUID tenantId,
        @JsonProperty("source_service") String sourceService,
        Instant time,
        Priority priority,
        String subject,
        @JsonProperty("correlation_id") String correlationId,
        @JsonProperty("causation_id") String causationId,
        @JsonProperty("target_services") List<String> targetServices,
        @JsonInclude(JsonInclude.Include.ALWAYS) ObjectNode data,
        Map<String, String> metadata,
        @JsonProperty("idempotency_key") String idempotencyKey,
        @JsonProperty("stream_version") Long streamVersion,
        long position,
        @JsonProperty("data_redacted") @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean dataRedacted,

        @JsonProperty("deliver_at") Instant deliverAt) {

    public static final int MAX_FIELD_LENGTH = 256;

    /**
     * Checks what is cheap to check and fills in defaults. The characters of every string, which
     * means walking all of {@code data}, are checked once, where an event is made from outside
     * input ({@link Builder#build()}); the engine's copies ({@link #withAssigned}) skip that walk.
     */
    public Event {
        // Messages that name the bad value are built only on failure: every event is constructed
        // several times on its way through the bus, and building them eagerly was 8 % of the
        // embedded publisher thread's CPU samples (async-profiler, EmbeddedDispatchBenchmark).
        require(eventType != null, "event_type is required", "event_type");
        if (!EventTypes.isValid(eventType)) {
            throw new ValidationException("event_type must be lower-case dotted words such as lead.created; got "
                    + quote(eventType), "event_type");
        }
        require(tenantId != null, "tenant_id is required", "tenant_id");
        if (version < 1) {
            throw new ValidationException("version must be 1 or more; got " + version, "version");
        }
        requireLength(sourceService, "source_service");
        requireLength(subject, "subject");
        requireLength(correlationId, "correlation_id");
        requireLength(causationId, "causation_id");
        requireLength(idempotencyKey, "idempotency_key");
        priority = priority == null ? Priority.NORMAL : priority;
        sourceService = sourceService == null ? "unknown" : sourceService;
        targetServices = targetServices == null ? List.of() : List.copyOf(targetServices);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        // Only an event whose encrypted data can no longer be read (its tenant's keys were shredded) has none.
        data = data == null && !dataRedacted ? JsonNodeFactory.instance.objectNode() : data;
        require(position >= 0, "position must not be negative", "position");
    }

    /** Refuses the NUL character anywhere in the event's strings and data, which no store can keep. */
    private void refuseNulCharacters() {
        NulCharacters.refuse(sourceService, "source_service");
        NulCharacters.refuse(subject, "subject");
        NulCharacters.refuse(correlationId, "correlation_id");
        NulCharacters.refuse(causationId, "causation_id");
        NulCharacters.refuse(idempotencyKey, "idempotency_key");
        NulCharacters.refuse(targetServices, "target_services");
        NulCharacters.refuse(metadata, "metadata");
        NulCharacters.refuse(data, "data");
    }

    private static void require(boolean condition, String message, String field) {
        if (!condition) {
            throw new ValidationException(message, field);
        }
    }

    private static void requireLength(String value, String field) {
        if (value != null && value.length() > MAX_FIELD_LENGTH) {
            throw new ValidationException(field + " must be at most " + MAX_FIELD_LENGTH + " characters", field);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** True if this event should reach subscriptions of {@code serviceName}. */
    public boolean isTargetedAt(String serviceName) {
        return targetServices.isEmpty() || targetServices.contains(serviceName);
    }

    /** The ordering key: events of one tenant and subject are kept in order. */
    @JsonIgnore
    public String orderingKey() {
        return subject == null ? tenantId.toString() : tenantId + "/" + subject;
    }

    /**
     * True if {@code other} is the same publish request: the same tenant, type, version, source,
     * priority, subject, correlation and causation ids, targets and data. What the bus assigns (id,
     * time, position) is left out, and so are the idempotency key (it is what identifies the
     * request) and metadata, which carries per-attempt context such as a retry's own
     * {@code traceparent}. Numbers in data compare by value, so {@code 1.0} equals {@code 1}: a
     * store may not keep their spelling.
     */
    public boolean isSameRequestAs(Event other) {
        return tenantId.equals(other.tenantId) && eventType.equals(other.eventType) && version == other.version
                && sourceService.equals(other.sourceService) && priority == other.priority
                && Objects.equals(subject, other.subject) && Objects.equals(correlationId, other.correlationId)
                && Objects.equals(causationId, other.causationId) && targetServices.equals(other.targetServices)
                && data.equals(NUMBERS_BY_VALUE, other.data);
    }

    private static final Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) -> a.isNumber() && b.isNumber()
            ? a.decimalValue().compareTo(b.decimalValue()) : (a.equals(b) ? 0 : 1);

    /** True when the event waits for its {@code deliverAt} after being stored at {@code time}. */
    @JsonIgnore
    public boolean isScheduled() {
        return deliverAt != null && time != null && deliverAt.isAfter(time);
    }

    /** Copy with store-assigned fields. */
    public Event withPosition(long newPosition) {
        return withAssigned(id, time, newPosition, streamVersion);
    }

    /**
     * Copy with the fields the bus and the store assign. What the publisher gave was checked when
     * this event was built and is not checked again: this is how the engine copies an event on
     * its way to the store without walking its data once more.
     */
    public Event withAssigned(UUID newId, Instant newTime, long newPosition, Long newStreamVersion) {
        return new Event(newId, eventType, version, tenantId, sourceService, newTime, priority, subject,
                correlationId, causationId, targetServices, data, metadata, idempotencyKey, newStreamVersion,
                newPosition, dataRedacted, deliverAt);
    }

    public Event withData(ObjectNode newData) {
        return toBuilder().data(newData).build();
    }

    /**
     * The data mapped onto {@code type} (a record, bean or map), with the bus's JSON rules.
     *
     * @throws EventDataMappingException when it does not fit
     */
    public <T> T dataAs(Class<T> type) {
        return EventData.as(this, type);
    }

    /** Mutable builder; {@link #build()} validates. Not thread-safe. */
    public static final class Builder {
        private UUID id;
        private String eventType;
        private int version = 1;
        private UUID tenantId;
        private String sourceService;
        private Instant time;
        private Priority priority = Priority.NORMAL;
        private String subject;
        private String correlationId;
        private String causationId;
        private List<String> targetServices = List.of();
        private ObjectNode data;
        private Map<String, String> metadata = Map.of();
        private String idempotencyKey;
        private Long streamVersion;
        private long position;
        private boolean dataRedacted;
        private Instant deliverAt;

        private Builder() {
        }

        private Builder(Event e) {
            id = e.id;
            eventType = e.eventType;
            version = e.version;
            tenantId = e.tenantId;
            sourceService = e.sourceService;
            time = e.time;
            priority = e.priority;
            subject = e.subject;
            correlationId = e.correlationId;
            causationId = e.causationId;
            targetServices = e.targetServices;
            data = e.data;
            metadata = e.metadata;
            idempotencyKey = e.idempotencyKey;
            streamVersion = e.streamVersion;
            position = e.position;
            dataRedacted = e.dataRedacted;
            deliverAt = e.deliverAt;
        }

        public Builder id(UUID id) {
            this.id = id;
            return this;
        }

        public Builder type(String eventType) {
            this.eventType = eventType;
            return this;
        }

        public Builder version(int version) {
            this.version = version;
            return this;
        }

        public Builder tenant(UUID tenantId) {
            this.tenantId = tenantId;
            return this;
        }

        public Builder source(String sourceService) {
            this.sourceService = sourceService;
            return this;
        }

        public Builder time(Instant time) {
            this.time = time;
            return this;
        }

        public Builder priority(Priority priority) {
            this.priority = priority;
            return this;
        }

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

        public Builder targetServices(List<String> targetServices) {
            this.targetServices = targetServices;
            return this;
        }

        public Builder data(ObjectNode data) {
            this.data = data;
            return this;
        }

        /**
         * The data as a {@code Map} or any object Jackson serializes to a JSON object (a record, a
         * bean), converted now with the bus's mapper.
         *
         * @throws ValidationException when it does not serialize to a JSON object
         */
        public Builder data(Object data) {
            this.data = data == null ? null : EventData.toObject(data);
            return this;
        }

        public Builder metadata(Map<String, String> metadata) {
            this.metadata = metadata;
            return this;
        }

        public Builder idempotencyKey(String idempotencyKey) {
            this.idempotencyKey = idempotencyKey;
            return this;
        }

        public Builder streamVersion(Long streamVersion) {
            this.streamVersion = streamVersion;
            return this;
        }

        /** The data is gone for good (crypto-shredded): {@code data} is null and the JSON says {@code "data_redacted": true}. */
        public Builder redacted() {
            this.data = null;
            this.dataRedacted = true;
            return this;
        }

        public Builder position(long position) {
            this.position = position;
            return this;
        }

        /** Dispatch no earlier than {@code deliverAt}; {@code null} (the default) dispatches at once. */
        public Builder deliverAt(Instant deliverAt) {
            this.deliverAt = deliverAt;
            return this;
        }

        public Event build() {
            Event event = new Event(id, eventType, version, tenantId, sourceService, time, priority, subject,
                    correlationId, causationId, targetServices, data, metadata, idempotencyKey,
                    streamVersion, position, dataRedacted, deliverAt);
            event.refuseNulCharacters();
            return event;
        }
    }
}
