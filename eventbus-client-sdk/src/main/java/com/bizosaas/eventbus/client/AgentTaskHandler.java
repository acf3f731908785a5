package com.bizosaas.eventbus.client;

/**
 * Does one task for an agent registered with {@link EventBusClient#agent}. The returned value
 * (a map, record or JSON node, e.g. {@code Map.of("score", 87, "confidence", 92)}) is the task's
 * result, published as {@code agent.task_completed}; throwing fails the task with the exception's
 * message ({@code agent.task_failed}), and the coordinator gives it to another agent while
 * attempts remain. May be called from several threads at once, up to the agent's capacity.
 */
@FunctionalInterface
public interface AgentTaskHandler {
    Object handle(AssignedTask task) throws Exception;
}
