package com.bizosaas.eventbus.delivery;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a subscription receives events. */
public enum DeliveryMode {
    /** Signed HTTP POST to the subscription's URL. */
    WEBHOOK,
    /** Held in a queue the subscriber long-polls and acknowledges. */
    PULL,
    /** A handler registered in the same JVM as the bus. */
    IN_PROCESS;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
