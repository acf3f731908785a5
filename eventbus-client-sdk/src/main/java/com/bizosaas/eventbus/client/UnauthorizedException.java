package com.bizosaas.eventbus.client;

/** The API key is missing, unknown, or not allowed to act for the tenant (401 or 403). */
public class UnauthorizedException extends EventBusClientException {
    private static final long serialVersionUID = 1L;

    public UnauthorizedException(String code, String message, int status) {
        super(code, message, status);
    }
}
