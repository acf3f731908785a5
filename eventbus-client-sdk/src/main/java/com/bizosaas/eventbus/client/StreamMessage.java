package com.bizosaas.eventbus.client;

/**
 * One message of the live stream ({@code GET /events/stream}): the event's store position (the
 * SSE {@code id}, to resume after), its type, and the event's JSON exactly as the server sent it.
 */
public record StreamMessage(long position, String eventType, String json) {
}
