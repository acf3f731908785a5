package com.bizosaas.eventbus.delivery;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * One try at delivering.
 *
 * @param statusCode HTTP status of a webhook answer, or 0 when there was none (timeout, refused, handler threw)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeliveryAttempt(Instant at, @JsonProperty("status_code") int statusCode, String error,
                              @JsonProperty("duration_ms") long durationMs) {
    /**
     * The attempt a claimer made and never settled: its lease ran out at {@code at} (a pull that
     * was not acknowledged in time, or an instance that died mid-attempt). It counts, so a
     * redelivery carries the next attempt number.
     */
    public static DeliveryAttempt leaseExpired(Instant at) {
        return new DeliveryAttempt(at, 0, "lease expired before the attempt was settled", 0);
    }
}
