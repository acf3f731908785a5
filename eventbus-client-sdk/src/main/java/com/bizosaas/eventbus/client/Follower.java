package com.bizosaas.eventbus.client;

/**
 * A catch-up subscription over the server's event stream: the tenant's stored events after the
 * start position, then new ones as they are stored, each handed to the handler once and in
 * position order; a broken connection is reopened after the last position handled. To resume
 * after a restart, follow again from the last {@link #position()} (kept by the projection, e.g.
 * in the same transaction as its own update). Thread-safe; {@link #close()} stops after the
 * event in hand.
 */
public interface Follower extends AutoCloseable {

    /** The position of the last event the handler finished; the start position before the first. */
    long position();

    @Override
    void close();
}
