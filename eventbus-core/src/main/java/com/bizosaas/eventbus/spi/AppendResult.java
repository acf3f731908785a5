package com.bizosaas.eventbus.spi;

import com.bizosaas.eventbus.model.Event;

/**
 * Outcome of appending one event.
 *
 * @param event     the event as stored (with its position); for a duplicate, the original
 * @param duplicate true if the event id or the tenant's idempotency key was already stored
 */
public record AppendResult(Event event, boolean duplicate) {
}
