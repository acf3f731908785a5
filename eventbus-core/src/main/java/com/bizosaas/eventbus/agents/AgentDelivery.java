package com.bizosaas.eventbus.agents;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.bizosaas.eventbus.ValidationException;
import java.util.Locale;

/** How an agent receives its tasks: it long-polls a pull subscription, or the bus posts them to its webhook. */
public enum AgentDelivery {
    PULL,
    WEBHOOK;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static AgentDelivery of(String value) {
        for (AgentDelivery d : values()) {
            if (d.wireName().equals(value)) {
                return d;
            }
        }
        throw new ValidationException("delivery must be pull or webhook; got " + ValidationException.quote(value),
                "delivery");
    }
}
