package com.bizosaas.eventbus;

import com.bizosaas.eventbus.model.Event;

/**
 * An in-process subscriber that receives the event's data already mapped onto its own type (see
 * {@link Subscriptions#on(String, String, Class, TypedEventHandler)}). Returning normally marks the
 * delivery done; throwing schedules a retry. May be called from several threads.
 *
 * @param <T> the type the data is mapped onto
 */
@FunctionalInterface
public interface TypedEventHandler<T> {
    void handle(Event event, T data) throws Exception;
}
