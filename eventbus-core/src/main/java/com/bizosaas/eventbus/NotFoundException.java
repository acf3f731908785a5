package com.bizosaas.eventbus;

/** The addressed thing (subscription, event, dead letter, replay) does not exist for this caller. */
public class NotFoundException extends EventBusException {
    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super("not_found", message);
    }
}
