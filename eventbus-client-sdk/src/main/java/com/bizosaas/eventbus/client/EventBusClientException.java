package com.bizosaas.eventbus.client;

/**
 * Root of every exception the client throws. Carries the server's machine-readable error
 * {@link #code()}, the HTTP {@link #status()} (0 when no response arrived) and whether a retry
 * of the same call may succeed.
 */
public class EventBusClientException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String code;
    private final int status;
    private final boolean retryable;

    public EventBusClientException(String code, String message, int status, boolean retryable, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.status = status;
        this.retryable = retryable;
    }

    public EventBusClientException(String code, String message, int status) {
        this(code, message, status, false, null);
    }

    /** Stable snake_case code from the server's error body, such as {@code validation_failed}. */
    public String code() {
        return code;
    }

    /** The HTTP status of the error response, or 0 when the call failed before one arrived. */
    public int status() {
        return status;
    }

    /** True when repeating the same call may succeed (server down, overloaded, rate-limited). */
    public boolean isRetryable() {
        return retryable;
    }
}
