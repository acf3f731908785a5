package com.bizosaas.eventbus.spi;

/** What {@link EventStore#cancelScheduled} found. */
public enum ScheduleCancellation {
    /** The event was waiting for its due time; it will not be dispatched. */
    CANCELLED,
    /** The tenant has no event with that id. */
    NOT_FOUND,
    /** The event was not scheduled, was already released for dispatch, or was cancelled before. */
    NOT_PENDING
}
