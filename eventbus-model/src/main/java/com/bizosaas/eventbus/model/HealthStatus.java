package com.bizosaas.eventbus.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Health of a component, in the seed's lower-case words. */
public enum HealthStatus {
    HEALTHY, DEGRADED, UNHEALTHY;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The worse of two statuses. */
    public HealthStatus and(HealthStatus other) {
        return ordinal() >= other.ordinal() ? this : other;
    }
}
