package com.bizosaas.eventbus.schema;

import static com.bizosaas.eventbus.ValidationException.quote;

import com.bizosaas.eventbus.ValidationException;

/**
 * Which earlier version a new schema version must stay compatible with, as in Confluent's schema
 * registry. {@link #BACKWARD} (the default): a consumer on the new version reads events written
 * with the previous one, so the new version may add optional fields but not remove, retype or
 * newly require fields. {@link #FORWARD}: a consumer still on the previous version reads events
 * written with the new one. {@link #FULL}: both. {@link #NONE}: no check.
 */
public enum Compatibility {
    BACKWARD, FORWARD, FULL, NONE;

    public static final Compatibility DEFAULT = BACKWARD;

    /** The wire form: the name in any case ({@code "backward"}, {@code "FULL"}). */
    public static Compatibility fromWire(String value, String field) {
        if (value != null) {
            for (Compatibility c : values()) {
                if (c.name().equalsIgnoreCase(value)) {
                    return c;
                }
            }
        }
        throw new ValidationException("invalid_field", field + " must be one of BACKWARD, FORWARD, FULL, NONE; got "
                + quote(value), field);
    }

    /** The wire form, as answered: the name in capitals. */
    public String wire() {
        return name();
    }
}
