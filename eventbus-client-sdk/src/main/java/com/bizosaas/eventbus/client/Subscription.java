package com.bizosaas.eventbus.client;

import java.util.UUID;

/**
 * A running consumer of one pull subscription, returned by {@link EventBusClient#subscribe}.
 * Thread-safe. Closing stops polling and waits for handlers already running to finish (and
 * acknowledges them); the server-side subscription stays, so a later subscribe with the same
 * service name and pattern resumes where this one stopped.
 */
public interface Subscription extends AutoCloseable {

    /** The server's id of the pull subscription. */
    UUID id();

    /** The event-type pattern, such as {@code lead.created}, {@code lead.*} or {@code *}. */
    String eventType();

    /** False once {@link #close()} was called. */
    boolean isRunning();

    /** Idempotent; returns when in-flight handlers finished or the close timeout passed. */
    @Override
    void close();
}
