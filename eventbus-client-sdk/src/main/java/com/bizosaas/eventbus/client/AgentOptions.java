package com.bizosaas.eventbus.client;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * How {@link EventBusClient#agent} registers an AI agent: the task types it handles, how many at
 * once, the one tenant it serves ({@code null}: every tenant, a platform key's agent), and a
 * webhook URL ({@code null}: tasks are pulled). Immutable.
 *
 * @param heartbeatInterval how often the agent says it is alive; keep it well under the server's
 *                          {@code EVENTBUS_AGENT_HEARTBEAT_TIMEOUT_MS} (default 30 s)
 */
public record AgentOptions(List<String> taskTypes, int capacity, UUID tenantId, String webhookUrl,
                           Duration heartbeatInterval) {
    public AgentOptions {
        if (taskTypes == null || taskTypes.isEmpty()) {
            throw new IllegalArgumentException("taskTypes must name at least one task type");
        }
        taskTypes = List.copyOf(taskTypes);
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1; got " + capacity);
        }
        if (heartbeatInterval == null || heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
            throw new IllegalArgumentException("heartbeatInterval must be positive; got " + heartbeatInterval);
        }
    }

    /** A pull agent for every tenant, heartbeating every 10 s. */
    public static AgentOptions pull(int capacity, String... taskTypes) {
        return new AgentOptions(List.of(taskTypes), capacity, null, null, Duration.ofSeconds(10));
    }

    public AgentOptions forTenant(UUID tenant) {
        return new AgentOptions(taskTypes, capacity, tenant, webhookUrl, heartbeatInterval);
    }

    public AgentOptions webhook(String url) {
        return new AgentOptions(taskTypes, capacity, tenantId, url, heartbeatInterval);
    }

    public AgentOptions heartbeatEvery(Duration interval) {
        return new AgentOptions(taskTypes, capacity, tenantId, webhookUrl, interval);
    }
}
