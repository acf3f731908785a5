package com.bizosaas.eventbus.delivery;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Body shape of a pushed event: the bus's own JSON, or CloudEvents 1.0 structured mode. */
public enum PayloadFormat {
    EVENTBUS, CLOUDEVENTS;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
