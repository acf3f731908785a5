package com.bizosaas.eventbus.agents;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * How the coordinator times its work. Immutable; {@link #DEFAULTS} are the server's defaults.
 *
 * @param serviceName      the {@code source_service} of what it publishes, and the service of its subscriptions
 * @param heartbeatTimeout an agent silent this long is gone and its tasks are taken back
 * @param defaultDeadline  how long an agent has for a task whose request and type name none
 * @param deadlines        per task type, overriding {@code defaultDeadline}
 * @param maxAttempts      assignments of one task before it fails, when the request names none
 * @param maxWait          how long a task waits for a capable agent with free capacity before it fails
 * @param sweepInterval    how often deadlines, silent agents, waiting tasks and rules are looked at
 */
public record CoordinatorSettings(String serviceName, Duration heartbeatTimeout, Duration defaultDeadline,
                                  Map<String, Duration> deadlines, int maxAttempts, Duration maxWait,
                                  Duration sweepInterval, Clock clock) {

    public static final CoordinatorSettings DEFAULTS = new CoordinatorSettings("agent-coordinator",
            Duration.ofSeconds(30), Duration.ofSeconds(60), Map.of(), 3, Duration.ofSeconds(30),
            Duration.ofMillis(200), Clock.systemUTC());

    public CoordinatorSettings {
        if (serviceName == null || serviceName.isBlank()) {
            throw new IllegalArgumentException("serviceName is required");
        }
        positive(heartbeatTimeout, "heartbeatTimeout");
        positive(defaultDeadline, "defaultDeadline");
        positive(maxWait, "maxWait");
        positive(sweepInterval, "sweepInterval");
        deadlines = Map.copyOf(deadlines);
        deadlines.forEach((type, d) -> positive(d, "deadline of " + type));
        if (maxAttempts < 1 || maxAttempts > 100) {
            throw new IllegalArgumentException("maxAttempts must be between 1 and 100; got " + maxAttempts);
        }
        if (clock == null) {
            throw new IllegalArgumentException("clock is required");
        }
    }

    /** The deadline of a task of {@code taskType} whose request names none. */
    public Duration deadlineOf(String taskType) {
        return deadlines.getOrDefault(taskType, defaultDeadline);
    }

    public CoordinatorSettings withClock(Clock newClock) {
        return new CoordinatorSettings(serviceName, heartbeatTimeout, defaultDeadline, deadlines, maxAttempts, maxWait,
                sweepInterval, newClock);
    }

    public CoordinatorSettings withTimes(Duration newHeartbeatTimeout, Duration newDefaultDeadline, Duration newMaxWait) {
        return new CoordinatorSettings(serviceName, newHeartbeatTimeout, newDefaultDeadline, deadlines, maxAttempts,
                newMaxWait, sweepInterval, clock);
    }

    public CoordinatorSettings withDeadlines(Map<String, Duration> newDeadlines, int newMaxAttempts) {
        return new CoordinatorSettings(serviceName, heartbeatTimeout, defaultDeadline, newDeadlines, newMaxAttempts,
                maxWait, sweepInterval, clock);
    }

    public CoordinatorSettings withSweepInterval(Duration interval) {
        return new CoordinatorSettings(serviceName, heartbeatTimeout, defaultDeadline, deadlines, maxAttempts, maxWait,
                interval, clock);
    }

    private static void positive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive; got " + d);
        }
    }
}
