package com.bizosaas.eventbus.schema;

import com.bizosaas.eventbus.ValidationException;

/**
 * An event's data does not match the registered schema of its type and version (answered 422);
 * {@link #field()} is the failing JSON path, such as {@code data.amount}, and {@link #index()}
 * the event's place in the published batch.
 */
public class SchemaValidationException extends ValidationException {
    private static final long serialVersionUID = 1L;

    private final int index;

    public SchemaValidationException(String message, String field, int index) {
        super("schema_validation_failed", message, field);
        this.index = index;
    }

    public int index() {
        return index;
    }
}
