package com.bizosaas.eventbus.delivery;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Only {@link #ACTIVE} subscriptions get new deliveries attempted. */
public enum SubscriptionStatus {
    ACTIVE,
    PAUSED,
    /** The receiver answered 410 Gone; its deliveries wait, as while paused, until it is resumed. */
    DISABLED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
