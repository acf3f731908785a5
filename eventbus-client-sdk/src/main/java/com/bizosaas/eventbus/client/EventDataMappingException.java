package com.bizosaas.eventbus.client;

/**
 * An event's data does not fit the type it was mapped onto ({@link EventEnvelope#dataAs}). A
 * typed subscription hands such an event back as a dead letter at once, with this message as
 * its error: delivering the same data again cannot succeed.
 */
public class EventDataMappingException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public EventDataMappingException(String message, Throwable cause) {
        super(message, cause);
    }
}
