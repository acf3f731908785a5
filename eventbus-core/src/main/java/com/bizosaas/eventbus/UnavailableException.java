package com.bizosaas.eventbus;

/** A dependency (store, broker) cannot serve the call right now; retrying later may succeed. */
public class UnavailableException extends EventBusException {
    private static final long serialVersionUID = 1L;

    public UnavailableException(String message, Throwable cause) {
        super("unavailable", message, true, cause);
    }
}
