package com.bizosaas.eventbus;

/** Input that can never succeed as given; {@link #field()} names the offending field when there is one. */
public class ValidationException extends EventBusException {
    private static final long serialVersionUID = 1L;

    private final String field;

    public ValidationException(String code, String message, String field) {
        super(code, message);
        this.field = field;
    }

    public ValidationException(String message, String field) {
        this("validation_failed", message, field);
    }

    /** The JSON field name at fault, or {@code null}. */
    public String field() {
        return field;
    }
}
