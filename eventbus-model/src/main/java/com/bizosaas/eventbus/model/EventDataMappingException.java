package com.bizosaas.eventbus.model;

import com.bizosaas.eventbus.EventBusException;

/**
 * An event's data does not fit the type a handler asked for. Not transient: delivering the same
 * data again cannot succeed, so the bus makes such a delivery a dead letter at once, carrying
 * this message; redrive it once the handler's type accepts the data.
 */
public class EventDataMappingException extends EventBusException {
    private static final long serialVersionUID = 1L;

    public EventDataMappingException(String message, Throwable cause) {
        super("data_mapping_failed", message, false, cause);
    }
}
