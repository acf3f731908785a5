package com.bizosaas.eventbus.spi;

/**
 * Consumes one broker message. Returning normally acknowledges it; throwing leaves it
 * unacknowledged so the broker redelivers it (to this or another member of the group).
 */
@FunctionalInterface
public interface MessageHandler {
    void handle(ReceivedMessage message) throws Exception;
}
