package com.bizosaas.eventbus.client;

import java.util.UUID;

/**
 * A registered AI agent: it heartbeats until closed and, for a pull agent with a handler, pulls
 * and runs its tasks. A webhook agent receives {@code agent.task_assigned} on its URL (verify it
 * with {@link #webhookSecret()}) and reports with {@link #complete} or {@link #fail}. Thread-safe.
 */
public interface AgentWorker extends AutoCloseable {
    UUID id();

    /** The subscription its tasks arrive on. */
    UUID subscriptionId();

    /** The webhook signing secret; {@code null} for a pull agent. */
    String webhookSecret();

    /** Publishes {@code ai.analysis_started}: the task is being worked on. */
    void started(AssignedTask task);

    /** Publishes {@code agent.task_completed} with {@code results} (a map, record or JSON node). */
    void complete(AssignedTask task, Object results);

    /** Publishes {@code agent.task_failed} with {@code reason}. */
    void fail(AssignedTask task, String reason);

    /** Stops pulling and heartbeating, then deregisters the agent (its open tasks go to other agents). */
    @Override
    void close();
}
