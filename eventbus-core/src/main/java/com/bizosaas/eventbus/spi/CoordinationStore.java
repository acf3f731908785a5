package com.bizosaas.eventbus.spi;

import com.bizosaas.eventbus.agents.Agent;
import com.bizosaas.eventbus.agents.AgentTask;
import com.bizosaas.eventbus.agents.AnalysisRequest;
import com.bizosaas.eventbus.agents.WorkflowRule;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The AI agent coordinator's state: agents, analysis requests with their tasks, workflow rules.
 * Shared by every coordinator of a deployment, so each change is made atomically by the store:
 * tasks and requests are replaced only over the version they were read at, and an agent's load
 * (its tasks assigned or working) moves with its tasks in the same transaction, never beyond its
 * capacity. Thread-safe. Contract: {@code CoordinationStoreContract} in core's test-jar.
 */
public interface CoordinationStore extends AutoCloseable {

    /** Inserts the agent, or replaces its registration keeping its current load. */
    Agent saveAgent(Agent agent);

    /** The agent with its current load. */
    Optional<Agent> findAgent(UUID id);

    /** Every agent with its current load, oldest registration first. */
    List<Agent> agents();

    /** Forgets it; its tasks keep their state (the coordinator takes them back). False if unknown. */
    boolean deleteAgent(UUID id);

    /** Records a heartbeat and makes the agent live again; empty if unknown. */
    Optional<Agent> heartbeat(UUID id, Instant at);

    /**
     * Marks gone every live agent whose last heartbeat is before {@code silentSince} and returns
     * them; each is returned to exactly one caller, however many coordinators ask at once.
     */
    List<Agent> markGone(Instant silentSince);

    /** Stores a new request and its tasks together; false (and nothing changed) if it exists. */
    boolean createRequest(AnalysisRequest request, List<AgentTask> tasks);

    Optional<AnalysisRequest> findRequest(UUID id);

    /** Replaces {@code current} by {@code next} if the stored request is still at {@code current.version()}. */
    boolean updateRequest(AnalysisRequest current, AnalysisRequest next);

    Optional<AgentTask> findTask(UUID id);

    /** The tasks of one request, in the request's order. */
    List<AgentTask> tasksOf(UUID requestId);

    /**
     * Replaces {@code current} by {@code next} if the stored task is still at
     * {@code current.version()}, moving the agents' load with it: a task that stops holding an
     * agent frees a slot; one that starts holding an agent takes a slot, and the update fails if
     * that agent is unknown, not live, or full. Taking a slot sets the agent's last assignment
     * time to {@code now} (the fair tie-break between equally loaded agents).
     */
    boolean updateTask(AgentTask current, AgentTask next, Instant now);

    /**
     * Tasks that need the coordinator, oldest first, at most {@code limit}: every submitted one
     * (waiting for an agent) and every assigned or working one due before {@code now}.
     */
    List<AgentTask> dueTasks(Instant now, int limit);

    /** The tasks held by an agent now (assigned or working). */
    List<AgentTask> tasksHeldBy(UUID agentId);

    /** Inserts or replaces the rule with this id. */
    WorkflowRule saveRule(WorkflowRule rule);

    Optional<WorkflowRule> findRule(UUID id);

    /** Every rule, oldest first. */
    List<WorkflowRule> rules();

    boolean deleteRule(UUID id);

    @Override
    default void close() {
    }
}
