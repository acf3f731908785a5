package com.bizosaas.eventbus.agents;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/**
 * One entry of a task's history: the status it reached (or kept, for a recorded late result),
 * the agent concerned and why. Immutable.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskTransition(Instant at, TaskStatus status, @JsonProperty("agent_id") UUID agentId, String note) {
}
