package com.bizosaas.eventbus.spi;

/**
 * Consumes one broker message. Returning normally acknowledges it; throwing leaves it
 * unacknowledged so the broker redelivers it (to this or another member of the group).
 */
@FunctionalInterface
public interface MessageHandler {
    void handle(ReceivedMessage message) throws Exception;

    /**
     * The broker found that it lost messages it had confirmed (a stream or group that vanished, a
     * restarted server that keeps nothing on disk). Called from a broker thread, at most once per
     * loss it detects; the handler's owner republishes what it has not seen dispatched.
     */
    default void messagesLost(String reason) {
    }
}
