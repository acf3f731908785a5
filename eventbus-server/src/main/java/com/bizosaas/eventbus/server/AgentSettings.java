package com.bizosaas.eventbus.server;

import com.bizosaas.eventbus.agents.CoordinatorSettings;
import com.bizosaas.eventbus.config.EnvReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The AI agent coordinator's settings, from {@code EVENTBUS_AGENT_*} variables (validated like
 * {@link ServerConfig}'s, naming the variable). Immutable.
 *
 * @param heartbeatTimeout {@code EVENTBUS_AGENT_HEARTBEAT_TIMEOUT_MS}, 30 s: an agent silent this long is gone
 * @param taskDeadline     {@code EVENTBUS_AGENT_TASK_DEADLINE_MS}, 60 s: how long an agent has for a task whose request names no {@code deadline_ms}
 * @param maxAttempts      {@code EVENTBUS_AGENT_MAX_ATTEMPTS}, 3: assignments of a task before it fails
 * @param maxWait          {@code EVENTBUS_AGENT_MAX_WAIT_MS}, 30 s: how long a task waits for a capable agent with room
 * @param workflowsFile    {@code EVENTBUS_WORKFLOWS_FILE}, none: workflow rules saved at start-up
 */
public record AgentSettings(Duration heartbeatTimeout, Duration taskDeadline, int maxAttempts, Duration maxWait,
                            Path workflowsFile) {
    public static final String WORKFLOWS_FILE = "EVENTBUS_WORKFLOWS_FILE";
    private static final int DAY_MS = 86_400_000;

    public static AgentSettings fromEnvironment(Map<String, String> env) {
        ServerConfig.Reader r = new ServerConfig.Reader(EnvReader.of(env));
        String file = env.get(WORKFLOWS_FILE);
        return new AgentSettings(
                Duration.ofMillis(r.integer("EVENTBUS_AGENT_HEARTBEAT_TIMEOUT_MS", 30_000, 1_000, DAY_MS)),
                Duration.ofMillis(r.integer("EVENTBUS_AGENT_TASK_DEADLINE_MS", 60_000, 100, DAY_MS)),
                r.integer("EVENTBUS_AGENT_MAX_ATTEMPTS", 3, 1, 100),
                Duration.ofMillis(r.integer("EVENTBUS_AGENT_MAX_WAIT_MS", 30_000, 100, DAY_MS)),
                file == null || file.isBlank() ? null : Path.of(file.trim()));
    }

    public CoordinatorSettings coordinatorSettings() {
        return CoordinatorSettings.DEFAULTS.withTimes(heartbeatTimeout, taskDeadline, maxWait)
                .withDeadlines(Map.of(), maxAttempts);
    }
}
