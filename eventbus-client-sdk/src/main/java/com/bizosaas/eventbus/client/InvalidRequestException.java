package com.bizosaas.eventbus.client;

/**
 * The server refused the request as given (400, 413, 415 or 422); repeating it cannot succeed.
 * {@link #field()} names the offending JSON field when the server said which.
 */
public class InvalidRequestException extends EventBusClientException {
    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidRequestException(String code, String message, int status, String field) {
        super(code, message, status);
        this.field = field;
    }

    /** The JSON field at fault, or {@code null}. */
    public String field() {
        return field;
    }
}
