package com.bizosaas.eventbus.config;

import com.bizosaas.eventbus.ValidationException;

/**
 * A setting ({@code EVENTBUS_*} variable, or the property that stands for it) that cannot be used:
 * {@link #field()} names it, the message says what it must be and what it was. The one exception
 * every module's configuration throws, so a launcher reports all of them the same way.
 */
public class ConfigurationException extends ValidationException {
    private static final long serialVersionUID = 1L;

    public ConfigurationException(String variable, String message) {
        super("invalid_configuration", message, variable);
    }

    /** The variable that is wrong. */
    public String variable() {
        return field();
    }
}
