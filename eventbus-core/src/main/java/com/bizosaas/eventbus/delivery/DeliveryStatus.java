package com.bizosaas.eventbus.delivery;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Life cycle of one event's delivery to one subscription. */
public enum DeliveryStatus {
    /** Waiting for its next attempt time. */
    PENDING,
    /** Claimed by a worker or a pull consumer until its lease ends. */
    LEASED,
    DELIVERED,
    /** Gave up after the last attempt; can be redriven or discarded. */
    DEAD,
    DISCARDED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
