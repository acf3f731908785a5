package com.bizosaas.eventbus.model;

import static com.bizosaas.eventbus.ValidationException.quote;

import com.bizosaas.eventbus.ValidationException;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Delivery priority of an event; {@link #NORMAL} unless the publisher says otherwise. */
public enum Priority {
    LOW, NORMAL, HIGH, CRITICAL;

    /** Kept, not computed: it is written for every event encoded. */
    private final String wireName = name().toLowerCase(Locale.ROOT);

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** Parses the seed's lower-case names; anything else is a validation error naming the field. */
    @JsonCreator
    public static Priority fromWire(String value) {
        if (value != null) {
            for (Priority p : values()) {
                if (p.wireName().equals(value)) {
                    return p;
                }
            }
        }
        throw new ValidationException("invalid_priority",
                "priority must be one of low, normal, high, critical; got " + quote(value), "priority");
    }
}
