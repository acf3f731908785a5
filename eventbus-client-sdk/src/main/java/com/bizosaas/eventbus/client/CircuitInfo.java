package com.bizosaas.eventbus.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A webhook subscription's circuit breaker as the server shows it: {@code closed} (delivering),
 * {@code open} (deliveries paused until {@code nextProbeAt}; events keep collecting) or
 * {@code half_open} (one probe delivery out).
 *
 * @param reason       the last failure, while not closed
 * @param failingSince when the current run of failures began, {@code null} after a success
 */
public record CircuitInfo(
        String state,
        @JsonProperty("consecutive_failures") int consecutiveFailures,
        String reason,
        @JsonProperty("failing_since") Instant failingSince,
        @JsonProperty("opened_at") Instant openedAt,
        @JsonProperty("next_probe_at") Instant nextProbeAt) {
}
