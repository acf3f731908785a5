package com.bizosaas.eventbus.client;

/** The request conflicts with the server's current state (409), e.g. a stale stream version. */
public class ConflictException extends EventBusClientException {
    private static final long serialVersionUID = 1L;

    public ConflictException(String code, String message) {
        super(code, message, 409);
    }
}
