package com.bizosaas.eventbus;

/**
 * How an in-process subscription registered with {@link Subscriptions#on} delivers. Immutable.
 *
 * @param maxAttempts attempts before an event becomes a dead letter, 1 to 100, or 0 for the bus's
 *                    default ({@code EventBus.Builder.defaultMaxAttempts})
 * @param ordered     keep per (tenant, subject) order; {@code false} lets a failing event's later
 *                    events of the same subject go ahead of it
 */
public record InProcessOptions(int maxAttempts, boolean ordered) {
    /** The bus's default attempts, ordered. */
    public static final InProcessOptions DEFAULTS = new InProcessOptions(0, true);

    public InProcessOptions {
        if (maxAttempts < 0 || maxAttempts > 100) {
            throw new ValidationException("max_attempts must be between 1 and 100, or 0 for the default; got "
                    + maxAttempts, "max_attempts");
        }
    }
}
