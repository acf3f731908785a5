package com.bizosaas.eventbus;

import com.bizosaas.eventbus.model.Event;

/**
 * Sees every event this instance dispatches, once its deliveries are stored: what a live view
 * (the server's event stream) follows instead of polling the store. Called on a dispatcher thread,
 * so it must return quickly and never block; an exception it throws is logged and ignored. It
 * sees only this instance's share of the dispatch group (another instance dispatches the rest),
 * in dispatch order, which follows store positions per subject only; a message the broker
 * redelivers may be seen twice.
 */
@FunctionalInterface
public interface DispatchWatcher {

    void dispatched(Event event);

    /** Returned by {@link EventBus#watchDispatches}; closing it stops the calls. Idempotent. */
    interface Watch extends AutoCloseable {
        @Override
        void close();
    }
}
