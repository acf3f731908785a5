package com.bizosaas.eventbus.schema;

import com.bizosaas.eventbus.ConflictException;
import java.util.List;

/** A new schema version breaks the compatibility its event type asks for; nothing was registered. */
public class IncompatibleSchemaException extends ConflictException {
    private static final long serialVersionUID = 1L;

    private final List<String> breakingChanges;

    public IncompatibleSchemaException(String message, List<String> breakingChanges) {
        super("incompatible_schema", message);
        this.breakingChanges = List.copyOf(breakingChanges);
    }

    /** One sentence per change, each naming the field ({@code data.amount}). */
    public List<String> breakingChanges() {
        return breakingChanges;
    }
}
