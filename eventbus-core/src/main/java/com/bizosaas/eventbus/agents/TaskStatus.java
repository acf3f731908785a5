package com.bizosaas.eventbus.agents;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Where a task is: submitted (waiting for a capable agent with free capacity) → assigned →
 * working → completed, failed or canceled. The last three are final.
 */
public enum TaskStatus {
    SUBMITTED,
    ASSIGNED,
    WORKING,
    COMPLETED,
    FAILED,
    CANCELED;

    /** True for completed, failed and canceled: nothing changes the task's outcome any more. */
    public boolean isFinal() {
        return this == COMPLETED || this == FAILED || this == CANCELED;
    }

    /** True while an agent holds the task and so a slot of its capacity. */
    public boolean holdsAgent() {
        return this == ASSIGNED || this == WORKING;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
