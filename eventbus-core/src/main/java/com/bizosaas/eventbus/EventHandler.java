package com.bizosaas.eventbus;

import com.bizosaas.eventbus.model.Event;

/**
 * An in-process subscriber. Returning normally marks the delivery done; throwing schedules a
 * retry (and, after the last attempt, a dead letter). May be called from several threads.
 */
@FunctionalInterface
public interface EventHandler {
    void handle(Event event) throws Exception;
}
