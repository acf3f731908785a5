package com.bizosaas.eventbus.spi;

/**
 * Durable, tenant-scoped storage of events, in its three roles: the record of events and streams
 * ({@link EventLog}), the outbox ({@link EventOutbox}) and retention ({@link EventRetention}). One
 * class implements all three; a part of the engine that needs one role takes that interface.
 * Implementations are thread-safe. Contract: {@code EventStoreContract} in core's test-jar.
 */
public interface EventStore extends EventLog, EventOutbox, EventRetention, HealthIndicator, AutoCloseable {

    @Override
    default String healthName() {
        return "event_store";
    }

    /** Releases what the store holds (connections, threads); the default holds nothing. */
    @Override
    default void close() {
    }
}
