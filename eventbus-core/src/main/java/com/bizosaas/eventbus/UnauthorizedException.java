package com.bizosaas.eventbus;

/** Missing or invalid credentials, or credentials not allowed to act for the requested tenant. */
public class UnauthorizedException extends EventBusException {
    private static final long serialVersionUID = 1L;

    private final boolean forbidden;

    public UnauthorizedException(String message, boolean forbidden) {
        super(forbidden ? "forbidden" : "unauthorized", message);
        this.forbidden = forbidden;
    }

    /** True when the caller is known but not allowed (HTTP 403) rather than unknown (HTTP 401). */
    public boolean isForbidden() {
        return forbidden;
    }
}
