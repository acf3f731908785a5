package com.bizosaas.eventbus.schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One version of an event type's JSON Schema, for one tenant or (tenant {@code null}) for every
 * tenant. {@code upcast} holds the declarative steps that turn data of the previous version into
 * this one (empty for version 1 or when none were declared); see {@link Upcasts}. Immutable;
 * callers must not mutate the JSON trees.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RegisteredSchema(
        @JsonProperty("tenant_id") UUID tenantId,
        @JsonProperty("event_type") String eventType,
        int version,
        ObjectNode schema,
        ArrayNode upcast,
        @JsonProperty("created_at") Instant createdAt) {

    public RegisteredSchema {
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(schema, "schema");
        if (version < 1) {
            throw new IllegalArgumentException("version must be 1 or more; got " + version);
        }
        upcast = upcast == null ? JsonNodeFactory.instance.arrayNode() : upcast;
    }

    /** True for a schema every tenant shares. */
    @JsonProperty("global")
    public boolean isGlobal() {
        return tenantId == null;
    }
}
