package com.bizosaas.eventbus.client;

import com.bizosaas.eventbus.model.Event;

/**
 * An event handed to an {@link EventHandler} by a pull subscription.
 *
 * @param attempt 1 on first delivery, higher when the event comes back after a failed attempt
 *                or an expired lease; delivery is at-least-once, so handlers de-duplicate on
 *                {@code event().id()} when it matters
 */
public record ReceivedEvent(Event event, int attempt) {
}
