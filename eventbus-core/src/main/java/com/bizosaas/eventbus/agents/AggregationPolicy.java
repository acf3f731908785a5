package com.bizosaas.eventbus.agents;

import com.bizosaas.eventbus.ValidationException;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * How many agents a request asks and how many of their results make it complete: {@code all} of
 * them, a {@code quorum} of n, or the {@code first} one. Read from the request's data fields
 * {@code agents}, {@code policy} and {@code quorum}. Immutable.
 */
public record AggregationPolicy(Mode mode, int agents, int quorum) {
    /** More agents than one analysis sensibly asks; bounds the tasks one event can create. */
    public static final int MAX_AGENTS = 20;
    public static final AggregationPolicy SINGLE = new AggregationPolicy(Mode.ALL, 1, 1);

    public AggregationPolicy {
        if (mode == null) {
            throw new ValidationException("policy must be all, quorum or first", "policy");
        }
        if (agents < 1 || agents > MAX_AGENTS) {
            throw new ValidationException("agents must be between 1 and " + MAX_AGENTS + "; got " + agents, "agents");
        }
        quorum = switch (mode) {
            case ALL -> agents;
            case FIRST -> 1;
            case QUORUM -> quorum;
        };
        if (quorum < 1 || quorum > agents) {
            throw new ValidationException("quorum must be between 1 and agents (" + agents + "); got " + quorum,
                    "quorum");
        }
    }

    /**
     * The policy a request's data asks for: {@code agents} (default 1), {@code policy} (default
     * all), {@code quorum} (required for quorum, default a majority otherwise ignored).
     *
     * @throws ValidationException naming the bad field
     */
    public static AggregationPolicy fromRequest(JsonNode data) {
        int agents = intField(data, "agents", 1);
        JsonNode policy = data.get("policy");
        if (policy != null && !policy.isTextual()) {
            throw new ValidationException("policy must be all, quorum or first", "policy");
        }
        Mode mode = policy == null ? Mode.ALL : Mode.of(policy.asText());
        int quorum = intField(data, "quorum", agents / 2 + 1);
        return new AggregationPolicy(mode, agents, quorum);
    }

    private static int intField(JsonNode data, String field, int fallback) {
        JsonNode node = data.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber()) {
            throw new ValidationException(field + " must be a whole number; got " + node, field);
        }
        return node.intValue();
    }

    /** Results needed for the request to complete. */
    @JsonProperty("needed")
    public int needed() {
        return quorum;
    }

    /** all, quorum or first. */
    public enum Mode {
        ALL,
        QUORUM,
        FIRST;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Mode of(String value) {
            for (Mode m : values()) {
                if (m.wireName().equals(value)) {
                    return m;
                }
            }
            throw new ValidationException("policy must be all, quorum or first; got "
                    + ValidationException.quote(value), "policy");
        }
    }
}
