package com.bizosaas.eventbus.spring;

import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.model.ComponentHealth;
import com.bizosaas.eventbus.model.HealthStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The bus's components ({@code event_store}, {@code redis}, ...) as Actuator health indicators,
 * grouped under one contributor. Healthy is {@code UP}, unhealthy {@code DOWN}; degraded is
 * {@code UP} with {@code degraded: true}, because it still serves (Spring Boot has no degraded
 * status of its own). Stateless.
 */
final class EventBusHealth {
    private EventBusHealth() {
    }

    /** One indicator per component the bus reports now; each asks the bus afresh when called. */
    static CompositeHealthContributor of(EventBus bus) {
        Map<String, HealthIndicator> indicators = new LinkedHashMap<>();
        for (String component : bus.health().keySet()) {
            indicators.put(component, () -> health(bus.health().get(component)));
        }
        return CompositeHealthContributor.fromMap(indicators);
    }

    static Health health(ComponentHealth component) {
        if (component == null) {
            return Health.unknown().withDetail("error", "the bus no longer reports this component").build();
        }
        Health.Builder health = component.status() == HealthStatus.UNHEALTHY ? Health.down() : Health.up();
        if (component.status() == HealthStatus.DEGRADED) {
            health.withDetail("degraded", true);
        }
        return health.withDetails(component.details()).build();
    }
}
