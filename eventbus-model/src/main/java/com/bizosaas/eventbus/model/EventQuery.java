package com.bizosaas.eventbus.model;

import com.bizosaas.eventbus.ValidationException;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A history query. The tenant is always required; every other criterion is optional.
 * Paging is keyset-based: pass the previous page's {@link Page#nextCursor()} as {@code after}.
 *
 * @param after     exclusive position cursor in the query's order (0 = from the start)
 * @param fromTime  inclusive lower bound on event time
 * @param toTime    exclusive upper bound on event time
 * @param minPosition inclusive lower bound on position (0 = none)
 * @param maxPosition inclusive upper bound on position (0 = none)
 */
public record EventQuery(
        UUID tenantId,
        Set<String> eventTypes,
        Instant fromTime,
        Instant toTime,
        String subject,
        long minPosition,
        long maxPosition,
        long after,
        int limit,
        SortOrder order) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    public EventQuery {
        if (tenantId == null) {
            throw new ValidationException("tenant_id is required", "tenant_id");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ValidationException("limit must be between 1 and " + MAX_LIMIT + "; got " + limit, "limit");
        }
        if (after < 0 || minPosition < 0 || maxPosition < 0) {
            throw new ValidationException("positions must not be negative", "after");
        }
        if (fromTime != null && toTime != null && !fromTime.isBefore(toTime)) {
            throw new ValidationException("from_time must be before to_time", "from_time");
        }
        eventTypes = eventTypes == null ? Set.of() : Set.copyOf(eventTypes);
        order = order == null ? SortOrder.NEWEST_FIRST : order;
    }

    public static Builder forTenant(UUID tenantId) {
        return new Builder(tenantId);
    }

    /** True when {@code e} satisfies every criterion except the cursor and the limit. */
    public boolean matches(Event e) {
        return e.tenantId().equals(tenantId)
                && (eventTypes.isEmpty() || eventTypes.contains(e.eventType()))
                && (fromTime == null || !e.time().isBefore(fromTime))
                && (toTime == null || e.time().isBefore(toTime))
                && (subject == null || subject.equals(e.subject()))
                && (minPosition == 0 || e.position() >= minPosition)
                && (maxPosition == 0 || e.position() <= maxPosition);
    }

    /** True when {@code position} lies beyond the cursor in this query's order. */
    public boolean isAfterCursor(long position) {
        if (after == 0) {
            return true;
        }
        return order == SortOrder.OLDEST_FIRST ? position > after : position < after;
    }

    /** Mutable builder. Not thread-safe. */
    public static final class Builder {
        private final UUID tenantId;
        private Set<String> eventTypes = Set.of();
        private Instant fromTime;
        private Instant toTime;
        private String subject;
        private long minPosition;
        private long maxPosition;
        private long after;
        private int limit = DEFAULT_LIMIT;
        private SortOrder order = SortOrder.NEWEST_FIRST;

        private Builder(UUID tenantId) {
            this.tenantId = tenantId;
        }

        public Builder types(Set<String> types) {
            this.eventTypes = types;
            return this;
        }

        public Builder types(String... types) {
            return types(Set.of(types));
        }

        public Builder from(Instant from) {
            this.fromTime = from;
            return this;
        }

        public Builder to(Instant to) {
            this.toTime = to;
            return this;
        }

        public Builder subject(String subject) {
            this.subject = subject;
            return this;
        }

        public Builder positions(long min, long max) {
            this.minPosition = min;
            this.maxPosition = max;
            return this;
        }

        public Builder after(long cursor) {
            this.after = cursor;
            return this;
        }

        public Builder limit(int limit) {
            this.limit = limit;
            return this;
        }

        public Builder order(SortOrder order) {
            this.order = order;
            return this;
        }

        public EventQuery build() {
            return new EventQuery(tenantId, eventTypes, fromTime, toTime, subject, minPosition, maxPosition,
                    after, limit, order);
        }
    }
}
