package com.bizosaas.eventbus.agents;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One unit of work of an analysis request, done by one agent at a time. Immutable: each
 * transition returns a copy one {@code version} higher with an entry added to its history, and the
 * store saves it only over the version it came from, so two coordinators never both move a task.
 *
 * @param attempt     assignments so far (a reassignment after a missed deadline is the next attempt)
 * @param deadlineMs  how long one agent has to complete it
 * @param dueAt       when the coordinator looks at it again: the current assignment's deadline, or
 *                    while submitted, the end of its wait for a capable agent
 * @param triedAgents agents it was taken back from, asked again only when no other can take it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AgentTask(
        UUID id,
        @JsonProperty("request_id") UUID requestId,
        @JsonProperty("tenant_id") UUID tenantId,
        @JsonProperty("task_type") String taskType,
        ObjectNode input,
        TaskStatus status,
        @JsonProperty("agent_id") UUID agentId,
        @JsonProperty("service_name") String serviceName,
        int attempt,
        @JsonProperty("max_attempts") int maxAttempts,
        @JsonProperty("deadline_ms") long deadlineMs,
        @JsonProperty("due_at") Instant dueAt,
        @JsonProperty("tried_agents") List<UUID> triedAgents,
        ObjectNode result,
        String error,
        List<TaskTransition> history,
        @JsonProperty("created_at") Instant createdAt,
        long version) {

    public AgentTask {
        triedAgents = List.copyOf(triedAgents);
        history = List.copyOf(history);
    }

    /** A new task waiting for an agent until {@code waitUntil}. */
    public static AgentTask submitted(UUID id, UUID requestId, UUID tenantId, String taskType, ObjectNode input,
                                      int maxAttempts, Duration deadline, Instant now, Instant waitUntil) {
        return new AgentTask(id, requestId, tenantId, taskType, input, TaskStatus.SUBMITTED, null, null, 0,
                maxAttempts, deadline.toMillis(), waitUntil, List.of(),
                null, null, List.of(new TaskTransition(now, TaskStatus.SUBMITTED, null, null)), now, 0);
    }

    /** Held by {@code agent} until its deadline. */
    public AgentTask assignedTo(Agent agent, Instant now) {
        return next(TaskStatus.ASSIGNED, agent.id(), agent.serviceName(), attempt + 1, now.plusMillis(deadlineMs),
                triedAgents, result, error, now, "attempt " + (attempt + 1));
    }

    /** Its agent reported it started ({@code ai.analysis_started}); the deadline stays. */
    public AgentTask working(Instant now) {
        return next(TaskStatus.WORKING, agentId, serviceName, attempt, dueAt, triedAgents, result, error, now, null);
    }

    /** Done by {@code byAgent} (the current agent, or one it was taken back from whose result came late). */
    public AgentTask completed(UUID byAgent, ObjectNode taskResult, Instant now) {
        if (byAgent.equals(agentId)) {
            return next(TaskStatus.COMPLETED, byAgent, serviceName, attempt, null, triedAgents, taskResult, null, now,
                    null);
        }
        List<UUID> tried = new ArrayList<>(triedAgents);
        tried.remove(byAgent);
        if (agentId != null) {
            tried.add(agentId); // the holder it is taken from, whose own result will come late
        }
        return next(TaskStatus.COMPLETED, byAgent, serviceName, attempt, null, tried, taskResult, null, now,
                "result of an earlier agent, which came first");
    }

    public AgentTask failed(String reason, Instant now) {
        return next(TaskStatus.FAILED, agentId, serviceName, attempt, null, triedAgents, result, reason, now, reason);
    }

    public AgentTask canceled(String reason, Instant now) {
        return next(TaskStatus.CANCELED, agentId, serviceName, attempt, null, triedAgents, result, reason, now, reason);
    }

    /** Taken back from its agent ({@code reason}: deadline missed, agent gone or failed), waiting again until {@code waitUntil}. */
    public AgentTask released(String reason, Instant now, Instant waitUntil) {
        List<UUID> tried = new ArrayList<>(triedAgents);
        if (agentId != null && !tried.contains(agentId)) {
            tried.add(agentId);
        }
        return next(TaskStatus.SUBMITTED, null, null, attempt, waitUntil, tried, result, error, now, reason);
    }

    /** Only a history entry, e.g. a late or duplicate result recorded but not counted. */
    public AgentTask noted(UUID agent, String note, Instant now) {
        List<TaskTransition> more = new ArrayList<>(history);
        more.add(new TaskTransition(now, status, agent, note));
        return new AgentTask(id, requestId, tenantId, taskType, input, status, agentId, serviceName, attempt,
                maxAttempts, deadlineMs, dueAt, triedAgents, result, error, more, createdAt, version + 1);
    }

    /** True when {@code agent} holds it now or held it before. */
    public boolean wasAssignedTo(UUID agent) {
        return agent.equals(agentId) || triedAgents.contains(agent);
    }

    private AgentTask next(TaskStatus newStatus, UUID newAgent, String newService, int newAttempt, Instant newDue,
                           List<UUID> tried, ObjectNode newResult, String newError, Instant now, String note) {
        List<TaskTransition> more = new ArrayList<>(history);
        more.add(new TaskTransition(now, newStatus, newAgent, note));
        return new AgentTask(id, requestId, tenantId, taskType, input, newStatus, newAgent, newService, newAttempt,
                maxAttempts, deadlineMs, newDue, tried, newResult, newError, more, createdAt, version + 1);
    }
}
