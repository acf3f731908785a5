package com.bizosaas.eventbus.client;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Delivery priority of an event, written in the server's lower-case form; {@link #NORMAL} by default. */
public enum Priority {
    LOW, NORMAL, HIGH, CRITICAL;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    static Priority fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
