package com.bizosaas.eventbus.agents;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** LIVE while it heartbeats; GONE once it missed its heartbeats (its tasks were taken back). */
public enum AgentStatus {
    LIVE,
    GONE;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
