package com.bizosaas.eventbus.delivery;

import static com.bizosaas.eventbus.ValidationException.quote;

import com.bizosaas.eventbus.ValidationException;
import com.bizosaas.eventbus.model.EventTypes;

/**
 * Event-type patterns of subscriptions: an exact type ({@code lead.created}), a prefix wildcard
 * ({@code lead.*}, matching every type below {@code lead.}), or {@code *} for every type.
 */
public final class EventPattern {
    private EventPattern() {
    }

    public static void validate(String pattern, String field) {
        boolean ok = pattern != null && ("*".equals(pattern)
                || EventTypes.isValid(pattern)
                || (pattern.endsWith(".*") && isPrefix(pattern.substring(0, pattern.length() - 2))));
        if (!ok) {
            throw new ValidationException("invalid_event_type",
                    field + " must be an event type such as lead.created, a prefix pattern such as lead.*, or *; got "
                            + quote(pattern), field);
        }
    }

    private static boolean isPrefix(String prefix) {
        return EventTypes.isValid(prefix) || EventTypes.isValid(prefix + ".x");
    }

    public static boolean matches(String pattern, String eventType) {
        if ("*".equals(pattern)) {
            return true;
        }
        if (pattern.endsWith(".*")) {
            return eventType.startsWith(pattern.substring(0, pattern.length() - 1));
        }
        return pattern.equals(eventType);
    }
}
