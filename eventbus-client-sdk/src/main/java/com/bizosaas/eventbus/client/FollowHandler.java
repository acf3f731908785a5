package com.bizosaas.eventbus.client;

import com.bizosaas.eventbus.model.Event;

/**
 * Receives a follower's events one at a time, in position order. An exception leaves the
 * position where it was: the same event is handed over again after a pause, never skipped.
 */
@FunctionalInterface
public interface FollowHandler {
    void handle(Event event) throws Exception;
}
