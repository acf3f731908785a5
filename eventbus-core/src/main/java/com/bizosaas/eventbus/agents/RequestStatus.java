package com.bizosaas.eventbus.agents;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** An analysis request is open until its policy is met (completed) or can no longer be (failed). */
public enum RequestStatus {
    OPEN,
    COMPLETED,
    FAILED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
