package com.bizosaas.eventbus;

/**
 * Root of every exception the bus throws. Each carries a stable machine-readable {@link #code()}
 * (the server puts it in the JSON error body) and says whether a retry may help.
 */
public class EventBusException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String code;
    private final boolean transientFailure;

    public EventBusException(String code, String message, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.transientFailure = transientFailure;
    }

    public EventBusException(String code, String message) {
        this(code, message, false, null);
    }

    /** Stable, snake_case error code such as {@code validation_failed}. */
    public String code() {
        return code;
    }

    /** True when the same call may succeed later (broker down, pool exhausted). */
    public boolean isTransient() {
        return transientFailure;
    }
}
