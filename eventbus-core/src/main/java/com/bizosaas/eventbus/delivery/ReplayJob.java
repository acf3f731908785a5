package com.bizosaas.eventbus.delivery;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * Progress of a replay: how many stored events matched so far and how many were queued for
 * delivery to the subscription (events the subscription's pattern or target services exclude
 * are skipped).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReplayJob(
        @JsonProperty("replay_id") UUID id,
        ReplayRequest request,
        State state,
        @JsonProperty("events_scanned") long eventsScanned,
        @JsonProperty("deliveries_queued") long deliveriesQueued,
        @JsonProperty("started_at") Instant startedAt,
        @JsonProperty("finished_at") Instant finishedAt,
        String error) {

    /** Life cycle of a replay job. */
    public enum State {
        RUNNING, COMPLETED, FAILED;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
