package com.bizosaas.eventbus.model;

import java.util.UUID;

/**
 * What the publisher gets back once the event is durably stored.
 *
 * @param duplicate true when the event id or idempotency key had been stored before, and this
 *                  receipt describes that original event
 */
public record PublishReceipt(UUID eventId, long position, java.time.Instant time, boolean duplicate) {
}
