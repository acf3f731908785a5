package com.bizosaas.eventbus;

/** The request contradicts current state, e.g. an event-sourced stream is not at the expected version. */
public class ConflictException extends EventBusException {
    private static final long serialVersionUID = 1L;

    public ConflictException(String code, String message) {
        super(code, message);
    }
}
