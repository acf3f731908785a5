package com.bizosaas.eventbus.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * A question to {@code POST /events/history}: one tenant's events, optionally narrowed by types,
 * time range and subject, one page of {@code limit} at a time after the {@code after} cursor.
 * Immutable.
 *
 * @param limit page size, 1 to 1000 (default 100)
 * @param after the {@code next_cursor} of the previous page, or {@code null} for the first page
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HistoryQuery(
        @JsonProperty("tenant_id") UUID tenantId,
        @JsonProperty("event_types") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> eventTypes,
        int limit,
        @JsonProperty("from_time") Instant fromTime,
        @JsonProperty("to_time") Instant toTime,
        String subject,
        Long after,
        Order order) {

    public static final int MAX_LIMIT = 1000;

    /** Which end of the history the first page starts from. */
    public enum Order {
        NEWEST, OLDEST;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public HistoryQuery {
        Objects.requireNonNull(tenantId, "tenant_id is required");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + "; got " + limit);
        }
        eventTypes = eventTypes == null ? List.of() : List.copyOf(eventTypes);
        order = order == null ? Order.NEWEST : order;
    }

    public static Builder builder(UUID tenantId) {
        return new Builder(tenantId);
    }

    /** The same question, for the page after {@code cursor}. */
    public HistoryQuery after(long cursor) {
        return new HistoryQuery(tenantId, eventTypes, limit, fromTime, toTime, subject, cursor, order);
    }

    /** Mutable builder; {@link #build()} validates. Not thread-safe. */
    public static final class Builder {
        private final UUID tenantId;
        private List<String> eventTypes = List.of();
        private int limit = 100;
        private Instant fromTime;
        private Instant toTime;
        private String subject;
        private Order order = Order.NEWEST;

        private Builder(UUID tenantId) {
            this.tenantId = tenantId;
        }

        public Builder eventTypes(String... types) {
            this.eventTypes = List.of(types);
            return this;
        }

        public Builder limit(int limit) {
            this.limit = limit;
            return this;
        }

        public Builder from(Instant fromTime) {
            this.fromTime = fromTime;
            return this;
        }

        public Builder to(Instant toTime) {
            this.toTime = toTime;
            return this;
        }

        public Builder subject(String subject) {
            this.subject = subject;
            return this;
        }

        public Builder order(Order order) {
            this.order = order;
            return this;
        }

        public HistoryQuery build() {
            return new HistoryQuery(tenantId, eventTypes, limit, fromTime, toTime, subject, null, order);
        }
    }
}
