package com.bizosaas.eventbus.delivery;

import com.bizosaas.eventbus.ValidationException;
import java.util.UUID;

/**
 * Selects dead letters; every criterion is optional.
 *
 * @param after the previous page's cursor ({@link Delivery#seq()}), 0 for the first page
 */
public record DeadLetterQuery(UUID tenantId, UUID subscriptionId, String eventType, long after, int limit) {
    public static final int MAX_LIMIT = 1000;

    public DeadLetterQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ValidationException("limit must be between 1 and " + MAX_LIMIT + "; got " + limit, "limit");
        }
    }

    public boolean matches(Delivery d) {
        return d.status() == DeliveryStatus.DEAD
                && (tenantId == null || tenantId.equals(d.tenantId()))
                && (subscriptionId == null || subscriptionId.equals(d.subscriptionId()))
                && (eventType == null || eventType.equals(d.eventType()))
                && d.seq() > after;
    }
}
