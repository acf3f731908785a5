package com.bizosaas.eventbus.client;

/**
 * The server could not be reached (status 0: connection refused, reset, timed out) or answered
 * with a 5xx. Always retryable: publishes carry an event id, so a retry never stores twice.
 */
public class ServerUnavailableException extends EventBusClientException {
    private static final long serialVersionUID = 1L;

    public ServerUnavailableException(String code, String message, int status, Throwable cause) {
        super(code, message, status, true, cause);
    }
}
