package com.bizosaas.eventbus.spi;

import com.bizosaas.eventbus.model.ComponentHealth;

/** A part that can report its own health; must answer quickly and never throw. */
public interface HealthIndicator {
    /** Component name under {@code components} in {@code GET /health}, e.g. {@code redis}. */
    String healthName();

    ComponentHealth health();
}
