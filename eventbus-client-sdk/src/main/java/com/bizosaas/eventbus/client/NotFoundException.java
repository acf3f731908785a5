package com.bizosaas.eventbus.client;

/** The subscription, event or dead letter addressed does not exist (404). */
public class NotFoundException extends EventBusClientException {
    private static final long serialVersionUID = 1L;

    public NotFoundException(String code, String message) {
        super(code, message, 404);
    }
}
