package com.bizosaas.eventbus.model;

import java.util.Map;

/** Health of one dependency, as shown under {@code components} in {@code GET /health}. */
public record ComponentHealth(HealthStatus status, Map<String, Object> details) {
    public ComponentHealth {
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    public static ComponentHealth healthy(Map<String, Object> details) {
        return new ComponentHealth(HealthStatus.HEALTHY, details);
    }

    public static ComponentHealth unhealthy(String error) {
        return new ComponentHealth(HealthStatus.UNHEALTHY, Map.of("error", String.valueOf(error)));
    }
}
