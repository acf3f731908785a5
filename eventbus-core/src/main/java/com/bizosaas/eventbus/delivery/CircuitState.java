package com.bizosaas.eventbus.delivery;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * A webhook subscription's circuit breaker, as stored and shown on the subscription: closed
 * (delivering), open (paused after consecutive failures until {@code nextProbeAt}; events keep
 * collecting) or half-open (one probe delivery in flight). Immutable.
 *
 * @param reason       the last failure, while not closed
 * @param failingSince when the current run of failures began; {@code null} once a delivery succeeds
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CircuitState(
        @JsonIgnore UUID subscriptionId,
        @JsonIgnore UUID tenantId,
        State state,
        @JsonProperty("consecutive_failures") int consecutiveFailures,
        String reason,
        @JsonProperty("failing_since") Instant failingSince,
        @JsonProperty("opened_at") Instant openedAt,
        @JsonProperty("next_probe_at") Instant nextProbeAt) {

    /** The breaker's states, in their wire spelling. */
    public enum State {
        CLOSED, OPEN, HALF_OPEN;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static State fromWire(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT));
        }
    }

    /** A subscription that has not failed. */
    public static CircuitState closed(UUID subscriptionId, UUID tenantId) {
        return new CircuitState(subscriptionId, tenantId, State.CLOSED, 0, null, null, null, null);
    }
}
