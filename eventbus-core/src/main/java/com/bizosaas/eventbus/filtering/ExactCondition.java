package com.bizosaas.eventbus.filtering;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A condition every match of a filter must meet that lists exact values only: the value at
 * {@code path} (or one element of it, when it is an array) must be one of {@code keys}, compared
 * as {@link ValueMatcher#indexKey} normalises them.
 */
record ExactCondition(FieldPath path, Set<Object> keys) {

    /** The condition {@code matchers} make, when each of them is an exact value. */
    static Optional<ExactCondition> of(FieldPath path, List<ValueMatcher> matchers) {
        Set<Object> keys = new HashSet<>();
        for (ValueMatcher m : matchers) {
            Object key = m.indexKey();
            if (key == null) {
                return Optional.empty();
            }
            keys.add(key);
        }
        return Optional.of(new ExactCondition(path, Set.copyOf(keys)));
    }
}
