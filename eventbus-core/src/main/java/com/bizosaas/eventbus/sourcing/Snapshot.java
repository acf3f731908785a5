package com.bizosaas.eventbus.sourcing;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An event-sourced stream's state as of {@code version}: loading the aggregate starts from it and
 * reads only the later events. Immutable; callers must not mutate {@code state}.
 */
public record Snapshot(
        @JsonProperty("tenant_id") UUID tenantId,
        @JsonProperty("stream_id") String streamId,
        long version,
        ObjectNode state,
        @JsonProperty("created_at") Instant createdAt) {

    public Snapshot {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createdAt, "createdAt");
        if (version < 1) {
            throw new IllegalArgumentException("a snapshot covers version 1 or more; got " + version);
        }
    }
}
