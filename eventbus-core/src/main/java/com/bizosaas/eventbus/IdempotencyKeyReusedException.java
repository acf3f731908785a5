package com.bizosaas.eventbus;

/**
 * An event repeats the idempotency key (or the event id) of a stored event but is not the same
 * request: the key was reused for something else (IETF Idempotency-Key draft, answered 422). A
 * true repeat is not an error; it gets the original's receipt.
 */
public class IdempotencyKeyReusedException extends ValidationException {
    private static final long serialVersionUID = 1L;

    private final int index;

    /** @param index the event's place in the published list (0 for a single event) */
    public IdempotencyKeyReusedException(String message, String field, int index) {
        super("idempotency_key_reused", message, field);
        this.index = index;
    }

    /** The event's place in the published list. */
    public int index() {
        return index;
    }
}
