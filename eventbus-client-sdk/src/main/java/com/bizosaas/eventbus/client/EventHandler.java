package com.bizosaas.eventbus.client;

/**
 * Processes one event of a subscription. Returning normally acknowledges the event; throwing
 * gives it back to the server to be delivered again after a backoff. Called from the
 * subscription's worker threads, concurrently when its concurrency is above one.
 */
@FunctionalInterface
public interface EventHandler {
    void handle(ReceivedEvent received) throws Exception;
}
