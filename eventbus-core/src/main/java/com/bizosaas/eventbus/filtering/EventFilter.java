package com.bizosaas.eventbus.filtering;

import com.bizosaas.eventbus.ValidationException;
import com.bizosaas.eventbus.model.Event;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Predicate;

/**
 * A subscription's content filter in the EventBridge event-pattern syntax, on an event's fields
 * and its {@code data}: exact values, {@code prefix}, {@code suffix}, {@code numeric},
 * {@code exists}, {@code anything-but}, nested paths and {@code $or}. Compiled once by
 * {@link #of}, which refuses a bad pattern naming its JSON path; immutable and thread-safe.
 */
public final class EventFilter {
    private final ObjectNode pattern;
    private final Predicate<EventFields> compiled;
    private final List<ExactCondition> exactConditions;

    private EventFilter(ObjectNode pattern, FilterCompiler.Compiled compiled) {
        this.pattern = pattern;
        this.compiled = compiled.predicate();
        this.exactConditions = compiled.exactConditions();
    }

    /**
     * Compiles {@code pattern}.
     *
     * @throws ValidationException ({@code invalid_filter}, field {@code filter}) naming the bad part
     */
    @JsonCreator
    public static EventFilter of(JsonNode pattern) {
        if (pattern == null || !pattern.isObject()) {
            throw FilterCompiler.invalid("filter", "must be a JSON object of event fields to match");
        }
        ObjectNode copy = ((ObjectNode) pattern).deepCopy();
        return new EventFilter(copy, FilterCompiler.compile(copy));
    }

    /** True when {@code event} matches every field of the pattern. */
    public boolean matches(Event event) {
        return compiled.test(new EventFields(event));
    }

    /** As {@link #matches(Event)}, reading fields another filter may already have read. */
    boolean matches(EventFields event) {
        return compiled.test(event);
    }

    /** Conditions outside {@code $or} that list exact values only: a match meets each of them. */
    List<ExactCondition> exactConditions() {
        return exactConditions;
    }

    /** The pattern as given; callers must not mutate it. */
    @JsonValue
    public ObjectNode pattern() {
        return pattern;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EventFilter other && pattern.equals(other.pattern);
    }

    @Override
    public int hashCode() {
        return pattern.hashCode();
    }

    @Override
    public String toString() {
        return pattern.toString();
    }
}
