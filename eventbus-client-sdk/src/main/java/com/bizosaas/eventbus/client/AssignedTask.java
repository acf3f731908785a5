package com.bizosaas.eventbus.client;

import com.bizosaas.eventbus.model.Event;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;

/**
 * A task the coordinator assigned to an agent, read from its {@code agent.task_assigned} event:
 * the request's data is {@link #input()}. Immutable.
 */
public record AssignedTask(UUID taskId, UUID requestId, UUID tenantId, UUID agentId, String analysisType,
                           int attempt, JsonNode input, Event event) {

    /** Reads an {@code agent.task_assigned} event. */
    public static AssignedTask of(Event event) {
        JsonNode data = event.data();
        return new AssignedTask(UUID.fromString(data.get("task_id").asText()),
                UUID.fromString(data.get("request_id").asText()), event.tenantId(),
                UUID.fromString(data.get("agent_id").asText()), data.path("analysis_type").asText(),
                data.path("attempt").asInt(1), data.path("input"), event);
    }
}
