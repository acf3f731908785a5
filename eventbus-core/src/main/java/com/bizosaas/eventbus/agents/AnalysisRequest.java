package com.bizosaas.eventbus.agents;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One {@code ai.analysis_requested} event as the coordinator tracks it: its tasks (one per agent
 * asked), the policy that merges their results and, once decided, the outcome it published.
 * Immutable; every change makes a copy one {@code version} higher, which the store compares.
 *
 * @param id            the request event's id
 * @param correlationId the request's correlation id (its own id when it had none); the outcome event carries it
 * @param outcome       the data of the {@code ai.analysis_completed} or {@code ai.analysis_failed} published, once decided
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AnalysisRequest(
        UUID id,
        @JsonProperty("tenant_id") UUID tenantId,
        @JsonProperty("analysis_type") String analysisType,
        @JsonProperty("correlation_id") String correlationId,
        AggregationPolicy policy,
        ObjectNode input,
        RequestStatus status,
        @JsonProperty("task_ids") List<UUID> taskIds,
        ObjectNode outcome,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("updated_at") Instant updatedAt,
        long version) {

    public AnalysisRequest {
        taskIds = List.copyOf(taskIds);
    }

    /** The same, one version on: how an evaluation that decided nothing still orders itself after the others. */
    public AnalysisRequest touched(Instant now) {
        return new AnalysisRequest(id, tenantId, analysisType, correlationId, policy, input, status, taskIds, outcome,
                createdAt, now, version + 1);
    }

    public AnalysisRequest decided(RequestStatus newStatus, ObjectNode newOutcome, Instant now) {
        return new AnalysisRequest(id, tenantId, analysisType, correlationId, policy, input, newStatus, taskIds,
                newOutcome, createdAt, now, version + 1);
    }
}
