package com.bizosaas.eventbus;

/**
 * Running counters of one bus instance, read by metrics exporters; only the engine records them.
 * Thread-safe; counts only go up.
 */
public interface EventBusStats {

    /** Events stored by publish (duplicates not counted). */
    long eventsPublished();

    /** Successful deliveries. */
    long eventsProcessed();

    /** Failed delivery attempts (each retry that fails counts). */
    long eventsFailed();

    /** Deliveries that became dead letters. */
    long deadLettered();

    /** Mean duration of successful deliveries, in milliseconds (0 before the first). */
    double averageProcessingMillis();

    /** Sum of successful delivery durations in seconds, for exporters that compute their own rates. */
    double processingSecondsTotal();
}
